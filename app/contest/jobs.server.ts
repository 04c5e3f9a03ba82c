// Job handlers of the contest (registerJobHandler / registerPeriodicJob); imported by app/jobs/manifest.server.ts.
import "./review-jobs.server";
export {};
