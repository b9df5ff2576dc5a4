/**
 * Which SQL tables a TypeScript source names: in its SQL text (after FROM, JOIN, INTO, UPDATE,
 * REFERENCES, in template and string literals, never in comments) and through imports of a
 * tables.ts module's Drizzle objects. Used by the ownership test (ownership.test.ts); parsed
 * with the TypeScript compiler (a dev dependency) so that comments and code are never taken
 * for SQL.
 */
import ts from 'typescript';

export interface TableReference {
  table: string;
  /** 1-based line of the SQL text or the import. */
  line: number;
  how: 'sql' | 'import';
}

export interface ScanOptions {
  /** Every table of the database: other words after FROM or JOIN (CTEs, functions, aliases) are no tables. */
  tables: ReadonlySet<string>;
  /** The SQL names of a tables.ts module's exports (export name → table), by import specifier; null for any other module. */
  drizzleTablesOf(specifier: string): ReadonlyMap<string, string> | null;
}

const identifier = String.raw`(?:"?[a-z_][a-z0-9_]*"?\.)?"?([a-z_][a-z0-9_]*)"?`;
/** A table right after the keyword. */
const afterKeyword = new RegExp(String.raw`\b(?:join|into|update|references)\s+(?:only\s+)?${identifier}`, 'gi');
/** A FROM list up to the clause that ends it: `from a x, b y where` names a and b. */
const fromList = /\bfrom\s+([^;()`]*?)(?=\b(?:where|join|inner|left|right|full|cross|natural|on|using|group|order|limit|offset|union|intersect|except|returning|having|window|for|select)\b|[;()`]|$)/gi;
const firstWord = new RegExp(String.raw`^\s*(?:only\s+)?${identifier}`, 'i');

/** The tables named in one piece of SQL text. */
export function tablesInSql(text: string, tables: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(afterKeyword)) found.push(match[1]!.toLowerCase());
  for (const match of text.matchAll(fromList)) {
    for (const item of match[1]!.split(',')) {
      const name = firstWord.exec(item)?.[1];
      if (name) found.push(name.toLowerCase());
    }
  }
  return [...new Set(found.filter((name) => tables.has(name)))];
}

/** Every table the source names, once per table and line. */
export function findTableReferences(source: string, options: ScanOptions): TableReference[] {
  const file = ts.createSourceFile('scanned.ts', source, ts.ScriptTarget.Latest, true);
  const references: TableReference[] = [];
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const drizzle = options.drizzleTablesOf(node.moduleSpecifier.text);
      if (drizzle) for (const table of importedTables(node, drizzle)) references.push({ table, line: lineOf(node), how: 'import' });
      return;
    }
    const text = sqlTextOf(node);
    if (text !== null) for (const table of tablesInSql(text, options.tables)) references.push({ table, line: lineOf(node), how: 'sql' });
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else for (const span of node.templateSpans) visit(span.expression);
  };
  visit(file);
  return references;
}

/** The text of a string or template literal, each `${...}` standing as `?`; null for any other node. */
function sqlTextOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? ');
  return null;
}

/** The SQL tables an import (or re-export) brings in from a tables.ts module: the named ones, or all of them for `* as`. */
function importedTables(node: ts.ImportDeclaration | ts.ExportDeclaration, drizzle: ReadonlyMap<string, string>): string[] {
  if (ts.isImportDeclaration(node) && !node.importClause?.namedBindings) return []; // a side-effect or default import names no table
  const bindings = ts.isImportDeclaration(node) ? node.importClause!.namedBindings! : node.exportClause;
  if (!bindings || ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings)) return [...new Set(drizzle.values())];
  const names = bindings.elements.map((element) => (element.propertyName ?? element.name).text);
  return names.flatMap((name) => drizzle.get(name) ?? []);
}
