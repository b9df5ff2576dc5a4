import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { invalid, notFound } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { getLicensePlate, requireStockRead } from '../warehouse/index.js';
import { insertDocument, selectDocumentContent, selectLotDocuments } from './documents.queries.js';
import { documentKinds, type Document, type DocumentKind, type Upload } from './documents.schema.js';
import { detectType, sha256Of } from './upload.js';

/**
 * Attaches a file (a certificate of analysis, a photo) to an LP, stored in the database so
 * every server instance serves it. The type is what the bytes are (PDF, PNG or JPEG); a file
 * that is none of them, or whose declared type says otherwise, is a 400 naming `file`.
 */
export async function attachDocument(ctx: RequestContext, licensePlateId: string, upload: Upload): Promise<Document> {
  requireAnyPermission(ctx, ['quality', 'warehouse'], 'write');
  const lp = await getLicensePlate(ctx, licensePlateId);
  if (!upload.kind || !(documentKinds as readonly string[]).includes(upload.kind)) throw invalid('kind', `must be one of ${documentKinds.join(', ')}`);
  const contentType = detectType(upload.content);
  if (!contentType) throw invalid('file', 'must be a PDF, PNG or JPEG file');
  if (isOtherType(upload.declaredType, contentType)) throw invalid('file', `is ${contentType}, not the ${upload.declaredType} it was sent as`);
  return withTenant(ctx, (tx) =>
    insertDocument(tx, ctx.orgId, {
      licensePlateId: lp.id,
      productId: lp.productId,
      lot: lp.lot,
      kind: upload.kind as DocumentKind,
      fileName: upload.fileName,
      contentType,
      size: upload.content.length,
      sha256: sha256Of(upload.content),
      content: upload.content,
    }),
  );
}

/** A declared type that names another of our types, or something else altogether (octet-stream says nothing). */
const isOtherType = (declared: string, actual: string) => declared !== actual && declared !== 'application/octet-stream' && !(declared === 'image/jpg' && actual === 'image/jpeg');

/** The documents of an LP's lot: its own and those of the lot's other LPs. */
export async function listLicensePlateDocuments(ctx: RequestContext, licensePlateId: string, query: { limit: number; cursor?: string }) {
  requireStockRead(ctx);
  const lp = await getLicensePlate(ctx, licensePlateId);
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectLotDocuments(tx, { productId: lp.productId, lot: lp.lot, after, limit: query.limit }), query.limit));
}

/** A document's bytes, name and type, to download. */
export async function downloadDocument(ctx: RequestContext, id: string) {
  requireStockRead(ctx);
  const document = await withTenant(ctx, (tx) => selectDocumentContent(tx, id));
  if (!document) throw notFound('document');
  return document;
}
