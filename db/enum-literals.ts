import {
  BinaryOperationNode,
  ColumnNode,
  OperationNodeTransformer,
  PrimitiveValueListNode,
  ReferenceNode,
  ValueListNode,
  ValueNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
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

class InlineEnumValues extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode, queryId?: QueryId): BinaryOperationNode {
    const transformed = super.transformBinaryOperation(node, queryId);
    if (!isEnumColumn(transformed.leftOperand)) return transformed;
    const right = inlined(transformed.rightOperand);
    return right === transformed.rightOperand ? transformed : BinaryOperationNode.create(transformed.leftOperand, transformed.operator, right);
  }
}

export class EnumLiteralsPlugin implements KyselyPlugin {
  readonly #transformer = new InlineEnumValues();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
