import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.js';

/**
 * An electronic signature as a signed action's body carries it (`signature: signatureInput`):
 * the signer's own password typed again, and what the signature means ("released after
 * inspection", "NCR closed").
 */
export const signatureInput = z.strictObject({
  password: z.string().min(1, 'is required').max(200),
  meaning: z.string().trim().min(1, 'is required').max(500),
});

export const signatureSchema = z
  .object({
    id: z.uuid(),
    recordType: z.string(),
    recordId: z.uuid(),
    signerId: z.uuid(),
    signerName: z.string(),
    signerEmail: z.string(),
    meaning: z.string(),
    recordSha256: z.string().describe('hex SHA-256 of the canonical JSON of the record as signed'),
    signedAt: z.string(),
  })
  .meta({ id: 'Signature' });

export const listSignaturesQuery = z.strictObject({ ...pageQuery, recordId: z.uuid('must be a UUID') });

export type SignatureInput = z.infer<typeof signatureInput>;
export type Signature = z.infer<typeof signatureSchema>;
export type ListSignaturesQuery = z.infer<typeof listSignaturesQuery>;
