// How route modules reach the date rules that need the national holiday table (@holiday-jp/holiday_jp, ~14 KB
// gzipped). The classic compiler puts every non-.server module a route imports in the page's bundle, even one only
// the loader calls; through here the table stays on the server (test/unit/browser-bundles.test.ts checks it).
export { elapsedSince } from "./calendar/business-days";
export { changeCutoff } from "./consultations/cutoff";
