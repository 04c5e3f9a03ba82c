// Modules that register job handlers (registerJobHandler / registerPeriodicJob at module top level). The worker
// imports this file, so a handler is known to every process that runs the worker, whichever pages it served.
// Add one import per area, e.g.:  import "../postings/reminders.server";
import "../postings/jobs.server";
import "../applications/jobs.server";
import "../contest/jobs.server";
import "../consultations/jobs.server";

export {};
