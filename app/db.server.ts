// Route modules reach the database through this file: the Remix compiler swaps `*.server` modules inside app/
// for empty ones in the browser bundle, which it does not do for ../db/ (outside app/).
export { getDb } from "../db/client.server";
export type { DB, Executor, Tx } from "../db/client.server";
