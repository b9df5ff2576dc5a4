import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/http/authenticate.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { orgSettingsSchema, updateOrgSettingsBody } from './org-settings.schema.js';
import { readOrgSettings, updateOrgSettings } from './org-settings.service.js';

export const orgSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['settings'];
  app.get('/settings', { schema: { tags, response: { 200: orgSettingsSchema, ...errorResponses } } }, async (request) => readOrgSettings(contextOf(request)));
  app.patch('/settings', { schema: { tags, body: updateOrgSettingsBody, response: { 200: orgSettingsSchema, ...errorResponses } } }, async (request) =>
    updateOrgSettings(contextOf(request), request.body),
  );
};
