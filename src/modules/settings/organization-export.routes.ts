import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { EXPORT_FILE_SUFFIX, totalRows } from '../../platform/tenants/export-format.js';
import { streamOrganizationExport } from './organization-export.service.js';

/** The header that tells a client, before the first row, how many rows the download holds. */
export const EXPORT_ROWS_HEADER = 'x-export-rows';

export const organizationExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/organization/export',
    {
      schema: {
        tags: ['settings'],
        description: `Every row of the organization as one file (gzip'd JSON Lines, docs/tenant-export.md), from one snapshot; ${EXPORT_ROWS_HEADER} announces the rows that follow the header line.`,
        produces: ['application/gzip'],
        response: { 200: z.string().describe('the export file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await streamOrganizationExport(contextOf(request), (header) => {
        const body = new PassThrough();
        const filename = `monopilot-${header.orgId}-${header.exportedAt.slice(0, 10)}${EXPORT_FILE_SUFFIX}`;
        reply.type('application/gzip').header('content-disposition', `attachment; filename="${filename}"`).header(EXPORT_ROWS_HEADER, String(totalRows(header)));
        // A stream is piped out as it is, never serialized: the schema's type does not cover it.
        reply.send(body as unknown as string);
        return body;
      });
      return reply;
    },
  );
};
