import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../platform/http/errors.js';
import { MAX_DOCUMENT_BYTES, type DocumentType, type Upload } from './documents.schema.js';

// A document arrives as multipart/form-data: one file part and a `kind` field. It is read
// whole before the handler (at most 10 MB), so that the request's body can stand for it: the
// idempotency key then compares kind, name, size and SHA-256, never megabytes of bytes.

const uploads = new WeakMap<FastifyRequest, Upload>();

/** preValidation of the upload route: reads the parts, or refuses (415 not multipart, 413 too large, 400 naming file). */
export async function readUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data: one file and its kind', [{ path: 'file', message: 'is required' }]);
  const fields: Record<string, string> = {};
  let file: Omit<Upload, 'kind'> | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value);
      else if (file) throw invalid('file', 'send one file only');
      else file = { fileName: safeFileName(part.filename), declaredType: part.mimetype, content: await part.toBuffer() };
    }
  } catch (error) {
    throw multipartError(error);
  }
  if (!file) throw invalid('file', 'is required');
  if (Object.values(fields).some((value) => value.includes('\u0000'))) throw invalid('kind', 'may not contain a NUL character');
  const upload = { ...file, kind: fields.kind };
  uploads.set(request, upload);
  request.body = { kind: upload.kind ?? null, fileName: upload.fileName, size: upload.content.length, sha256: sha256Of(upload.content) };
}

/** The upload readUpload read for this request. */
export function uploadOf(request: FastifyRequest): Upload {
  return uploads.get(request)!;
}

function multipartError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, [{ path: 'file', message: 'is larger than 10 MB' }]);
  if (code === 'FST_FILES_LIMIT') return invalid('file', 'send one file only');
  if (code?.startsWith('FST_')) return invalid('file', 'the multipart body could not be read');
  return error;
}

/** The name without any directory part or control characters, at most 200 characters. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return base.slice(-200) || 'document';
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** What the bytes are, by their first bytes (the declared type is the client's word only); null when none of ours. */
export function detectType(content: Buffer): DocumentType | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}
