import { sql, type RawBuilder } from "kysely";

// A list of values fixed in the code (statuses, kinds) is written into the statement text, not sent as parameters.
// Every query is a named prepared statement (db/client.server.ts), and PostgreSQL switches such a statement to one
// generic plan only when that plan looks as cheap as the ones it makes for the actual values. For
// `status IN ($1, …, $6)` the generic plan can only guess the selectivity, so it never looked as cheap: the browse
// query was planned afresh on every page view (pg_prepared_statements: generic_plans 0), 1.5 ms of database time
// each, as long as running it. With the statuses as literals the generic plan is taken from the sixth execution.
// Never for user input: every distinct list is a statement text of its own.
export function constantList<T extends string>(values: readonly T[]): RawBuilder<T>[] {
  return values.map((value) => sql.lit(value));
}
