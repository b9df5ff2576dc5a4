import { describe, expect, it } from 'vitest';
import { pitrStanzaOf } from './pitr-stanza.js';

const acme = { database: 'acme', url: 'postgres://monopilot@db-acme:5433/monopilot', pgPath: '/var/lib/postgresql/15/main', retentionDays: 30 };

describe("a dedicated database's pgBackRest stanza", () => {
  it('is named for the database, reads its port from the URL and keeps its own recovery window', () => {
    const stanza = pitrStanzaOf(acme);
    expect(stanza.name).toBe('tenant-acme');
    expect(stanza.section).toContain('[tenant-acme]\npg1-path=/var/lib/postgresql/15/main\npg1-port=5433\nrepo1-retention-full=30\n');
    expect(stanza.archiveCommand).toBe('pgbackrest --stanza=tenant-acme archive-push %p');
  });

  it('names a configuration directory other than /etc/pgbackrest in the archive command', () => {
    expect(pitrStanzaOf({ ...acme, configPath: '/srv/pgbackrest' }).archiveCommand).toBe('pgbackrest --config-path=/srv/pgbackrest --stanza=tenant-acme archive-push %p');
    expect(pitrStanzaOf({ ...acme, configPath: '/etc/pgbackrest' }).archiveCommand).toBe('pgbackrest --stanza=tenant-acme archive-push %p');
  });

  it('refuses what would break out of a configuration line or a shell command', () => {
    expect(() => pitrStanzaOf({ ...acme, pgPath: "/data'; rm -rf / #" })).toThrow(/pg-path/);
    expect(() => pitrStanzaOf({ ...acme, pgHost: 'db\npg1-path=/etc' })).toThrow(/pg-host/);
    expect(() => pitrStanzaOf({ ...acme, retentionDays: 0 })).toThrow(/retention-days/);
    expect(() => pitrStanzaOf({ ...acme, retentionDays: 1.5 })).toThrow(/retention-days/);
  });
});
