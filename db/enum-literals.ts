import {
  BinaryOperationNode,
  ColumnNode,
  PrimitiveValueListNode,
  ReferenceNode,
  ValueListNode,
  ValueNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

// Comparisons of the enumerated columns (status, role, kind, …) with their values are written into the statement
// text, not sent as parameters (ADR 007). Every query is a named prepared statement (db/client.server.ts), and
// PostgreSQL keeps one generic plan for it only when that plan looks as cheap as the ones it makes for the actual
// values. For `status = $1` or `status IN ($1, …, $6)` the generic plan can only guess how common the value is,
// while a custom plan knows that 'booked' is 1 % of the bookings: the generic one never looked as cheap, and the
// statement was planned afresh on every execution (pg_prepared_statements: generic_plans 0) — on the browse page
// 1.5 ms of database time per view, as long as running the query. A partial index (`WHERE status <> 'cancelled'`)
// cannot serve a generic plan whose status is a parameter either.
//
// Only values shaped like the schema's enumerations (snake_case words) are inlined; anything else stays a
// parameter. They are written as quoted literals by Kysely's compiler, and each distinct value is one statement text
// more (a handful per column).

const ENUM_COLUMNS = new Set(["status", "role", "kind", "scheme", "outcome", "invitation", "mode", "source", "work_style", "employment_type"]);
const ENUM_VALUE = /^[a-z][a-z_]{0,39}$/;

const isEnumValue = (value: unknown): value is string => typeof value === "string" && ENUM_VALUE.test(value);

function isEnumColumn(node: OperationNode): boolean {
  if (ReferenceNode.is(node)) return ColumnNode.is(node.column) && ENUM_COLUMNS.has(node.column.column.name);
  return ColumnNode.is(node) && ENUM_COLUMNS.has(node.column.name);
}

function inlined(node: OperationNode): OperationNode {
  if (ValueNode.is(node)) return !node.immediate && isEnumValue(node.value) ? ValueNode.createImmediate(node.value) : node;
  if (PrimitiveValueListNode.is(node)) return node.values.every(isEnumValue) ? ValueListNode.create(node.values.map((value) => ValueNode.createImmediate(value))) : node;
  if (ValueListNode.is(node)) {
    const values = node.values.map(inlined);
    return values.some((value, i) => value !== node.values[i]) ? ValueListNode.create(values) : node;
  }
  return node;
}

// Kysely's OperationNodeTransformer rebuilds and freezes every node of every query, changed or not: a third of the
// query builder's cost on the booking page. This walk copies only the nodes on the way to a comparison it changes
// and hands the rest back as they are (they are frozen, so sharing them is safe).
const isNode = (value: unknown): value is OperationNode => typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";

function rewrite(node: OperationNode): OperationNode {
  // A value node holds data (a JSON parameter may well have a `kind`), not nodes.
  if (ValueNode.is(node) || PrimitiveValueListNode.is(node)) return node;
  let copy: Record<string, unknown> | null = null;
  for (const key in node) {
    const child = (node as unknown as Record<string, unknown>)[key];
    const next = Array.isArray(child) ? rewriteList(child) : isNode(child) ? rewrite(child) : child;
    if (next !== child) {
      copy ??= { ...node };
      copy[key] = next;
    }
  }
  const rewritten = copy ? (Object.freeze(copy) as unknown as OperationNode) : node;
  if (!BinaryOperationNode.is(rewritten) || !isEnumColumn(rewritten.leftOperand)) return rewritten;
  const right = inlined(rewritten.rightOperand);
  return right === rewritten.rightOperand ? rewritten : BinaryOperationNode.create(rewritten.leftOperand, rewritten.operator, right);
}

function rewriteList(list: readonly unknown[]): readonly unknown[] {
  let copy: unknown[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isNode(item)) continue;
    const next = rewrite(item);
    if (next !== item) {
      copy ??= [...list];
      copy[i] = next;
    }
  }
  return copy ? Object.freeze(copy) : list;
}

export class EnumLiteralsPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return rewrite(args.node) as RootOperationNode;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
