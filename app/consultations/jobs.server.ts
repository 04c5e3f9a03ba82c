// Job handlers of the career consultation room; imported by app/jobs/manifest.server.ts.
import "./booking-jobs.server";
export {};
