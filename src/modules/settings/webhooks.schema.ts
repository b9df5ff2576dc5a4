import { z } from 'zod';
import { eventTypes } from '../../platform/events/index.js';
import { pageQuery } from '../../platform/http/pagination.js';

export const createWebhookBody = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/, message: 'must be an http or https URL' })),
  events: z.array(z.enum(eventTypes, { message: `must be one of ${eventTypes.join(', ')}` })).min(1, 'at least one event').max(eventTypes.length),
  secret: z.string().min(16, 'must be at least 16 characters').max(200).optional().describe('HMAC-SHA256 key; generated when not given, and shown only in this answer'),
});

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean().describe('false once the receiver answered 410 Gone'),
    disabledReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });

export const createdWebhookSchema = webhookSchema.extend({ secret: z.string().describe('shown once') }).meta({ id: 'CreatedWebhook' });

export const listWebhooksQuery = z.strictObject(pageQuery);
export const listDeliveriesQuery = z.strictObject(pageQuery);

export const deliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string(),
    attempt: z.number().int(),
    attemptedAt: z.string(),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    success: z.boolean(),
  })
  .meta({ id: 'WebhookDelivery' });

export type CreateWebhookInput = z.infer<typeof createWebhookBody>;
