import { z } from 'zod';

export const documentKinds = ['coa', 'photo', 'other'] as const;
export const documentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export type DocumentType = (typeof documentTypes)[number];

/** 10 MB: a scanned certificate or a phone photo, with room to spare. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const documentSchema = z
  .object({
    id: z.uuid(),
    licensePlateId: z.uuid().describe('the LP it was attached to (a list shows those of the whole lot)'),
    fileName: z.string(),
    kind: z.enum(documentKinds),
    contentType: z.enum(documentTypes),
    size: z.number().int(),
    sha256: z.string(),
    createdAt: z.string(),
    createdBy: z.uuid().nullable(),
  })
  .meta({ id: 'Document' });

export const documentListSchema = z.object({ items: z.array(documentSchema), nextCursor: z.string().nullable() });

/** What an upload brings once read: the kind, the file's name and bytes, and what the client declared it to be. */
export interface Upload {
  kind: string | undefined;
  fileName: string;
  declaredType: string;
  content: Buffer;
}

export type Document = z.infer<typeof documentSchema>;
