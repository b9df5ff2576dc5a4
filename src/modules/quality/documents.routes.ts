import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { errorResponses, idParams } from '../../platform/http/schemas.js';
import { documentListSchema, documentSchema, MAX_DOCUMENT_BYTES } from './documents.schema.js';
import { attachDocument, downloadDocument, listLicensePlateDocuments } from './documents.service.js';
import { readUpload, uploadOf } from './upload.js';

const tags = ['documents'];

/** Documents on LPs. Multipart is registered in this plugin only: every other route still takes JSON alone. */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12 }, throwFileSizeLimit: true });
  app.post(
    '/license-plates/:id/documents',
    {
      schema: {
        tags,
        params: idParams,
        consumes: ['multipart/form-data'],
        description: 'multipart/form-data: one `file` (PDF, PNG or JPEG by its bytes, at most 10 MB: 413) and `kind` (coa, photo, other).',
        response: { 201: documentSchema, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
      },
      preValidation: readUpload,
    },
    async (request, reply) => {
      reply.code(201);
      return attachDocument(contextOf(request), request.params.id, uploadOf(request));
    },
  );
  app.get(
    '/license-plates/:id/documents',
    { schema: { tags, params: idParams, querystring: z.strictObject(pageQuery), description: "The documents of the LP's lot: its own and its lot's other LPs'.", response: { 200: documentListSchema, ...errorResponses } } },
    async (request) => listLicensePlateDocuments(contextOf(request), request.params.id, request.query),
  );
  app.get(
    '/documents/:id',
    { schema: { tags, params: idParams, produces: ['application/pdf', 'image/png', 'image/jpeg'], response: { 200: z.string().describe('the file'), ...errorResponses } } },
    async (request, reply) => {
      const document = await downloadDocument(contextOf(request), request.params.id);
      reply
        .type(document.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`)
        .header('digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
      // Bytes are sent as they are, never serialized: the schema's type does not cover them.
      return reply.send(document.content as unknown as string);
    },
  );
};
