import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listMigrations } from './migrate.js';
import { checkMigrationRules } from './migration-rules.js';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('migrations stay backward compatible for one release', () => {
  it('holds for every migration of this release', () => {
    expect(listMigrations().flatMap((migration) => checkMigrationRules(migration, version))).toEqual([]);
  });

  it('refuses a column dropped or renamed without saying since when it is unused', () => {
    const breaks = checkMigrationRules({ name: '0099_x.sql', sql: 'alter table products drop column legacy_code;\nalter table lots rename column code to lot_code;' }, '1.4.0');
    expect(breaks.map((rule) => rule.statement)).toEqual(['drop column legacy_code', 'rename column code to lot_code']);
  });

  it('refuses one that the release before still used, and lets an older one go', () => {
    const sql = (since: string) => `-- unused since ${since}\nalter table products drop column legacy_code;`;
    expect(checkMigrationRules({ name: '0099_x.sql', sql: sql('1.4.0') }, '1.4.0')).toHaveLength(1);
    expect(checkMigrationRules({ name: '0099_x.sql', sql: sql('1.3.2') }, '1.4.0')).toEqual([]);
  });

  it('is not fooled by the words in a comment', () => {
    expect(checkMigrationRules({ name: '0099_x.sql', sql: '-- we never drop table rows here\nselect 1;' }, '1.4.0')).toEqual([]);
  });
});
