/**
 * The rule that lets instances be rolled one by one: for one release, the previous release's
 * code runs against the new schema. So a migration never drops or renames a column or a table
 * that the release before it still uses: it does so one release later, and says which release
 * stopped using it (`-- unused since <version>`), a version older than the one it ships in.
 */
export interface MigrationRuleBreak {
  migration: string;
  statement: string;
  reason: string;
}

const CONTRACTING = /\b(drop\s+column|rename\s+column|rename\s+to|drop\s+table)\b[^;]*/gi;
const UNUSED_SINCE = /--\s*unused since (\d+\.\d+\.\d+)/i;

const compareVersions = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let index = 0; index < 3; index++) if (x[index] !== y[index]) return x[index]! - y[index]!;
  return 0;
};

/** The contracting statements of one migration that break the rule, for the release `version`. */
export function checkMigrationRules(migration: { name: string; sql: string }, version: string): MigrationRuleBreak[] {
  const breaks: MigrationRuleBreak[] = [];
  const withoutComments = migration.sql.replace(/--[^\n]*/g, '');
  for (const match of withoutComments.matchAll(CONTRACTING)) {
    const statement = match[0].trim();
    const since = UNUSED_SINCE.exec(migration.sql)?.[1];
    if (!since) breaks.push({ migration: migration.name, statement, reason: 'drops or renames without "-- unused since <version>"' });
    else if (compareVersions(since, version) >= 0) breaks.push({ migration: migration.name, statement, reason: `unused only since ${since}, not before release ${version}` });
  }
  return breaks;
}
