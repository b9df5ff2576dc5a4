import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Platform } from '../context.js';
import { withTenant } from '../db/tenancy.js';
import type { JobDefinition } from '../jobs/index.js';
import { invalidateSubscriptionsAfterCommit } from './subscriptions.js';
import { disableEndpoint, insertDelivery, selectEndpointForDelivery, WEBHOOK_SECRET_PURPOSE } from './webhook.queries.js';
import { guardedLookup, isLiteralHostAllowed } from './webhook-url.js';

export const WEBHOOK_QUEUE = 'webhook-delivery';

/** What a delivery job carries: the organization (checked by RLS when it runs), the endpoint and the event body. */
export interface WebhookJobData {
  orgId: string;
  endpointId: string;
  event: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Past this age an event is no longer retried: the receiver has been failing for about a day. */
export const WEBHOOK_GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Retries back off exponentially with jitter: the n-th retry waits retryDelay * 2^(n-1) * (1 + random)
 * seconds, so the first comes 4-8 s after the failure (plus at most one polling interval); waits are
 * capped at 2 h, and 21 retries reach about 24 h (the worker also stops once the event is older than that).
 */
const retryPolicy = { retryLimit: 21, retryDelay: 4, retryBackoff: true, retryDelayMax: 7200, expireInSeconds: 60, deleteAfterSeconds: 86_400 };

/** `MonoPilot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

export interface AttemptResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** One POST of a delivery, bounded by the timeout; never throws. */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<AttemptResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): AttemptResult => ({ statusCode, error, durationMs: Math.round(performance.now() - started) });
  const target = new URL(url);
  if (!isLiteralHostAllowed(target, allowPrivate)) return done(null, 'refused: private address');
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'MonoPilot-Webhooks/1', ...headers },
        lookup: guardedLookup(allowPrivate),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        agent: false,
      },
      (response) => {
        response.resume();
        resolve(done(response.statusCode ?? null, null));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolve(done(null, timedOut ? `timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s` : error.code ? `${error.code}: ${error.message}` : error.message));
    });
    request.end(body);
  });
}

/** The delivery job: sign, POST, log the attempt; a 2xx or 410 ends it, anything else is retried. */
export function webhookDeliveryJob(platform: Platform): JobDefinition<WebhookJobData> {
  return {
    name: WEBHOOK_QUEUE,
    queue: retryPolicy,
    // Two workers of 10 deliveries in flight per instance: a slow receiver holds up its batch, not the queue.
    batchSize: 10,
    workers: 2,
    async work(job) {
      const { orgId, endpointId, event } = job.data;
      const scope = { orgId, databases: platform.databases };
      const endpoint = await withTenant(scope, (tx) => selectEndpointForDelivery(tx, endpointId));
      if (!endpoint?.active) return;
      const body = JSON.stringify(event);
      const attemptedAt = new Date();
      const timestamp = Math.floor(attemptedAt.getTime() / 1000);
      const headers = { 'monopilot-signature': signatureHeader(platform.secrets.open(endpoint.secret, WEBHOOK_SECRET_PURPOSE), timestamp, body), 'monopilot-event': event.type, 'monopilot-delivery': event.id };
      const result = await postWebhook(endpoint.url, body, headers, platform.config.WEBHOOK_ALLOW_PRIVATE_URLS);
      const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      await withTenant(scope, async (tx) => {
        await insertDelivery(tx, orgId, endpointId, { eventId: event.id, eventType: event.type, attempt: job.retryCount + 1, attemptedAt: attemptedAt.toISOString(), ...result });
        if (result.statusCode === 410) {
          await disableEndpoint(tx, endpointId, 'the receiver answered 410 Gone');
          invalidateSubscriptionsAfterCommit(platform, orgId);
        }
      });
      if (succeeded || result.statusCode === 410) return;
      if (Date.now() - Date.parse(event.createdAt) >= WEBHOOK_GIVE_UP_AFTER_MS) {
        platform.log.warn({ orgId, endpointId, eventId: event.id }, 'webhook delivery given up after 24 h');
        return;
      }
      throw new Error(`webhook delivery failed: ${result.error ?? `status ${result.statusCode}`}`);
    },
  };
}
