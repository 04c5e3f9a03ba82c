import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

// A static model of what the Remix classic compiler (esbuild) puts in a page's browser bundle, for tests that check
// per-page properties (translation keys, heavy packages) without building:
// - `*.server.ts(x)` modules are emptied in the browser, so the walk stops there;
// - an import whose bindings are all types, or never referenced, is dropped by esbuild's TypeScript loader, so it is
//   no edge here either (a messages module imported that way would not reach the browser);
// - every other import is an edge, even one only a loader uses: esbuild drops the loader but still bundles, and runs,
//   an imported module with top-level side effects, as a messages module registering itself is. So the messages
//   modules found are those the browser gets (compared with a real build's sourcemaps for every route), and what
//   loader-only code uses (keys, packages) makes the checks stricter, not looser.

export const APP_DIR = path.resolve(import.meta.dirname, "../../app");

export interface ParsedModule {
  /** Absolute paths of the app modules this one imports (after type-only and unused-import elision). */
  imports: string[];
  /** Bare specifiers (npm packages) this module imports. */
  packages: string[];
  /** String literals, as written. */
  literals: string[];
  /** Template literals that start like a key (`prefix.${x}` …), as regular expressions over whole keys. */
  keyTemplates: RegExp[];
  /** The literals and key templates outside `t(…)` calls: keys that may travel as data rather than be translated here. */
  bareLiterals: string[];
  bareKeyTemplates: RegExp[];
  /** The first argument of `t(…)` calls, when it is a literal or a conditional of literals. */
  tLiterals: string[];
  /** The first argument of `t(…)` calls that are templates starting like a key. */
  tTemplates: RegExp[];
}

const KEY_HEAD = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)*\.$/;
export const KEY_SHAPE = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function resolveSpecifier(from: string, spec: string): string | null {
  const base = spec.startsWith("~/") ? path.join(APP_DIR, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function templateRegExp(node: ts.TemplateExpression): RegExp | null {
  if (!KEY_HEAD.test(node.head.text)) return null;
  let source = escape(node.head.text);
  for (const span of node.templateSpans) source += `[A-Za-z0-9_.-]+${escape(span.literal.text)}`;
  return new RegExp(`^${source}$`);
}

const parsed = new Map<string, ParsedModule>();

export function parseModule(file: string): ParsedModule {
  const cached = parsed.get(file);
  if (cached) return cached;
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const result: ParsedModule = { imports: [], packages: [], literals: [], keyTemplates: [], bareLiterals: [], bareKeyTemplates: [], tLiterals: [], tTemplates: [] };

  // Identifiers referenced outside import declarations, to tell which imports esbuild keeps.
  const referenced = new Set<string>();
  const visitReferences = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node)) referenced.add(node.text);
    ts.forEachChild(node, visitReferences);
  };
  visitReferences(source);

  const addSpecifier = (spec: string) => {
    if (spec.startsWith(".") || spec.startsWith("~/")) {
      const target = resolveSpecifier(file, spec);
      if (target && /\.tsx?$/.test(target)) result.imports.push(target);
    } else {
      result.packages.push(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
    }
  };

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (!clause) {
        addSpecifier(statement.moduleSpecifier.text);
        continue;
      }
      if (clause.isTypeOnly) continue;
      const bindings: string[] = [];
      if (clause.name) bindings.push(clause.name.text);
      if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) bindings.push(clause.namedBindings.name.text);
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const element of clause.namedBindings.elements) if (!element.isTypeOnly) bindings.push(element.name.text);
      }
      if (bindings.some((name) => referenced.has(name))) addSpecifier(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly)) continue;
      addSpecifier(statement.moduleSpecifier.text);
    }
  }

  const collectArgument = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) result.tLiterals.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      const pattern = templateRegExp(node);
      if (pattern) result.tTemplates.push(pattern);
    } else if (ts.isConditionalExpression(node)) {
      collectArgument(node.whenTrue);
      collectArgument(node.whenFalse);
    } else if (ts.isParenthesizedExpression(node)) collectArgument(node.expression);
  };

  const visit = (node: ts.Node, inT: boolean) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      result.literals.push(node.text);
      if (!inT) result.bareLiterals.push(node.text);
    }
    if (ts.isTemplateExpression(node)) {
      const pattern = templateRegExp(node);
      if (pattern) {
        result.keyTemplates.push(pattern);
        if (!inT) result.bareKeyTemplates.push(pattern);
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "t" && node.arguments[0]) {
      collectArgument(node.arguments[0]);
      visit(node.arguments[0], true);
      node.arguments.slice(1).forEach((argument) => visit(argument, inT));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inT));
  };
  visit(source, false);

  parsed.set(file, result);
  return result;
}

function walk(entries: string[], follow: (file: string) => boolean): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !follow(file)) continue;
    seen.add(file);
    queue.push(...parseModule(file).imports);
  }
  return [...seen];
}

/** Every module the browser bundle of `entries` may contain (server modules are emptied there, so not followed). */
export function clientGraph(entries: string[]): string[] {
  return walk(entries, (file) => !/\.server\.tsx?$/.test(file));
}

/** Every module `entries` import, server modules included (what the server build runs for them). */
export function moduleGraph(entries: string[]): string[] {
  return walk(entries, () => true);
}

/** npm packages imported directly by the modules of a graph. */
export function graphPackages(files: string[]): Set<string> {
  return new Set(files.flatMap((file) => parseModule(file).packages));
}
