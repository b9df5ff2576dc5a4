import { and, eq, gt } from 'drizzle-orm';
import { toIso } from '../../platform/db/columns.js';
import type { Tx } from '../../platform/db/database.js';
import type { Document, DocumentKind, DocumentType } from './documents.schema.js';
import { documents } from './tables.js';

const documentColumns = {
  id: documents.id,
  licensePlateId: documents.licensePlateId,
  fileName: documents.fileName,
  kind: documents.kind,
  contentType: documents.contentType,
  size: documents.size,
  sha256: documents.sha256,
  createdAt: documents.createdAt,
  createdBy: documents.createdBy,
};

const toDocument = (row: Omit<Document, 'createdAt'> & { createdAt: string }): Document => ({ ...row, createdAt: toIso(row.createdAt) });

export interface NewDocument {
  licensePlateId: string;
  productId: string;
  lot: string;
  kind: DocumentKind;
  fileName: string;
  contentType: DocumentType;
  size: number;
  sha256: string;
  content: Buffer;
}

export async function insertDocument(tx: Tx, orgId: string, document: NewDocument): Promise<Document> {
  const [row] = await tx.insert(documents).values({ orgId, ...document }).returning(documentColumns);
  return toDocument(row!);
}

/** The documents of a lot (attached to any of its LPs), oldest first, without their bytes. */
export async function selectLotDocuments(tx: Tx, filter: { productId: string; lot: string; after: string | null; limit: number }): Promise<Document[]> {
  const rows = await tx
    .select(documentColumns)
    .from(documents)
    .where(and(eq(documents.productId, filter.productId), eq(documents.lot, filter.lot), filter.after === null ? undefined : gt(documents.id, filter.after)))
    .orderBy(documents.id)
    .limit(filter.limit + 1);
  return rows.map(toDocument);
}

/** One document with its bytes, or null. */
export async function selectDocumentContent(tx: Tx, id: string) {
  const [row] = await tx.select({ fileName: documents.fileName, contentType: documents.contentType, content: documents.content, sha256: documents.sha256 }).from(documents).where(eq(documents.id, id));
  return row ?? null;
}
