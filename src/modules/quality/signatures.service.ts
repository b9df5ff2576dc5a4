import { requireAnyPermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { verifySigner } from '../settings/index.js';
import { recordSha256 } from './canonical-json.js';
import { hasSignature, insertSignature, selectSignatures } from './signatures.queries.js';
import type { ListSignaturesQuery, Signature, SignatureInput } from './signatures.schema.js';

export interface SignRequest {
  /** What kind of record is signed: 'ncr', 'inspection', 'hold', ... (lowercase, underscores). */
  recordType: string;
  recordId: string;
  /** The record as signed: its SHA-256 (canonical JSON) is kept with the signature. */
  record: unknown;
  signature: SignatureInput;
}

/**
 * Signs a record electronically (21 CFR Part 11), inside the caller's transaction: the
 * caller's own password is checked again (a wrong one is a 400 naming signature.password, so
 * the caller's transaction rolls back and nothing changes); who signed, when, the meaning and
 * a SHA-256 of the record are stored, and the insert lands in the audit trail (table
 * `signatures`). The caller checks its own permission for the signed action first.
 */
export async function signRecord(tx: Tx, ctx: RequestContext, request: SignRequest): Promise<Signature> {
  requireAnyPermission(ctx, ['quality', 'production', 'warehouse'], 'write');
  const signer = await verifySigner(ctx, request.signature.password);
  if (!signer) {
    throw AppError.coded('VALIDATION', 'signature_password_wrong', {}, 'the signature password is not your password; nothing was signed', [
      { path: 'signature.password', message: 'is not your password', code: 'signature_password_wrong', params: {} },
    ]);
  }
  return insertSignature(tx, ctx.orgId, {
    recordType: request.recordType,
    recordId: request.recordId,
    signerId: signer.id,
    signerName: signer.name,
    signerEmail: signer.email,
    meaning: request.signature.meaning,
    recordSha256: recordSha256(request.record),
  });
}

/** Whether a record carries a signature: a signed record can no longer change (the caller answers 409). */
export async function isRecordSigned(tx: Tx, recordType: string, recordId: string): Promise<boolean> {
  return hasSignature(tx, recordType, recordId);
}

/** A record's signatures, oldest first. */
export async function listSignatures(ctx: RequestContext, query: ListSignaturesQuery) {
  requireAnyPermission(ctx, ['quality', 'production', 'warehouse'], 'read');
  const after = decodeCursor(query.cursor);
  return withTenant(ctx, async (tx) => toPage(await selectSignatures(tx, { recordId: query.recordId, after, limit: query.limit }), query.limit));
}
