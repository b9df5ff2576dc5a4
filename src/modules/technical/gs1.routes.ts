import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { gs1ParseResultSchema, parseGs1Body } from './gs1.schema.js';
import { parseBarcode } from './gs1.service.js';

export const gs1Routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/gs1/parse',
    {
      schema: {
        tags: ['gs1'],
        description: 'Reads a GS1 element string (human-readable or raw FNC1/GS); changes nothing, so it answers 200.',
        body: parseGs1Body,
        response: { 200: gs1ParseResultSchema, ...errorResponses },
      },
    },
    async (request) => parseBarcode(contextOf(request), request.body.barcode),
  );
};
