import { and, eq, gt } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { Signature } from './signatures.schema.js';
import { signatures } from './tables.js';

const signatureColumns = {
  id: signatures.id,
  recordType: signatures.recordType,
  recordId: signatures.recordId,
  signerId: signatures.signerId,
  signerName: signatures.signerName,
  signerEmail: signatures.signerEmail,
  meaning: signatures.meaning,
  recordSha256: signatures.recordSha256,
  signedAt: signatures.signedAt,
};

const toSignature = (row: Omit<Signature, 'signedAt'> & { signedAt: string }): Signature => ({ ...row, signedAt: toIso(row.signedAt) });

export async function insertSignature(tx: Tx, orgId: string, signature: Omit<Signature, 'id' | 'signedAt'>): Promise<Signature> {
  const [row] = await tx.insert(signatures).values({ orgId, ...signature }).returning(signatureColumns);
  return toSignature(row!);
}

/** A record's signatures, oldest first. */
export async function selectSignatures(tx: Tx, filter: { recordId: string; after: string | null; limit: number }): Promise<Signature[]> {
  const rows = await tx
    .select(signatureColumns)
    .from(signatures)
    .where(and(eq(signatures.recordId, filter.recordId), filter.after === null ? undefined : gt(signatures.id, filter.after)))
    .orderBy(signatures.id)
    .limit(filter.limit + 1);
  return rows.map(toSignature);
}

export async function hasSignature(tx: Tx, recordType: string, recordId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(eq(signatures.recordType, recordType), eq(signatures.recordId, recordId)))
    .limit(1);
  return row !== undefined;
}
