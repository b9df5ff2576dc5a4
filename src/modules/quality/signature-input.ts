// Placeholder until quality-core's signatures land: replaced by their signatureInput on merge.
import { z } from 'zod';
export const signatureInput = z.strictObject({ password: z.string().min(1), meaning: z.string().min(1) });
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
export async function signRecord(_tx: Tx, _ctx: RequestContext, _input: { recordType: string; recordId: string; record: unknown; signature: z.infer<typeof signatureInput> }): Promise<void> {
  throw new Error('signatures are not merged yet');
}
export async function openNcr(
  _tx: Tx,
  _ctx: RequestContext,
  _input: { title: string; description: string; severity: 'minor' | 'major' | 'critical'; productId?: string; lot?: string; licensePlateIds?: string[]; supplierId?: string; inspectionId?: string },
): Promise<{ id: string; number: string }> {
  throw new Error('NCRs are not merged yet');
}
