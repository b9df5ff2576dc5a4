import { asc } from 'drizzle-orm';
import { tenantDirectory } from '../db/tables.js';
import { withSystem } from '../db/tenancy.js';
import type { Operator } from './operator.js';
import { listOrgTables, quoteIdent } from './org-tables.js';

export interface OrganizationListing {
  orgId: string;
  name: string;
  database: string;
  /** Every row the organization has in its database, all tables together. */
  rows: number;
}

/** Every organization of the directory, where it lives and how big it is (counted in its own database). */
export async function listOrganizations(operator: Operator): Promise<OrganizationListing[]> {
  const entries = await withSystem(operator.shared, (tx) =>
    tx.select({ orgId: tenantDirectory.orgId, name: tenantDirectory.name, database: tenantDirectory.database }).from(tenantDirectory).orderBy(asc(tenantDirectory.createdAt), asc(tenantDirectory.orgId)),
  );
  const listings: OrganizationListing[] = [];
  for (const entry of entries) {
    const database = operator.database(entry.database);
    const rows = await database.withSession(async (session) => {
      const tables = await listOrgTables(session);
      const counts = tables.map((table) => `(select count(*) from ${quoteIdent(table.name)} where ${quoteIdent(table.orgColumn)} = $1)`);
      const [row] = await session.query<{ rows: string }>(`select (${counts.join(' + ')})::text as rows`, [entry.orgId]);
      return Number(row!.rows);
    });
    // The directory's name is the organization's (there is no renaming an organization yet).
    listings.push({ orgId: entry.orgId, name: entry.name, database: entry.database, rows });
  }
  return listings;
}
