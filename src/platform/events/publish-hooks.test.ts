import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createEventBus, type PublishedEvent } from './bus.js';

// Publish hooks (EventBus.onPublish) are how derived state, such as the cached dashboard,
// is dropped for every committed event before any subscriber can react to it.

const log = pino({ level: 'silent' });
const event = (orgId: string, seq: number): PublishedEvent => ({
  orgId,
  seq,
  id: `event-${seq}`,
  type: 'work_order.updated',
  subjectId: null,
  payload: { id: `wo-${seq}` },
  createdAt: new Date().toISOString(),
});

describe('publish hooks', () => {
  it('run for every organization and finish before any subscriber hears of the event', async () => {
    const bus = await createEventBus({ log });
    const done: string[] = [];
    const heard: { orgId: string; hooksDone: string[] }[] = [];
    bus.onPublish(async (published) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push(published.orgId);
    });
    bus.subscribe('org-a', (published) => heard.push({ orgId: published.orgId, hooksDone: [...done] }));
    await bus.publish(event('org-a', 1));
    await bus.publish(event('org-b', 1));
    expect(done).toEqual(['org-a', 'org-b']);
    expect(heard).toEqual([{ orgId: 'org-a', hooksDone: ['org-a'] }]);
    await bus.close();
  });

  it('a failing hook neither stops the publish nor the other hooks; a removed hook no longer runs', async () => {
    const bus = await createEventBus({ log });
    const ran: number[] = [];
    const heard: number[] = [];
    bus.onPublish(() => {
      throw new Error('hook failed');
    });
    const remove = bus.onPublish((published) => {
      ran.push(published.seq);
    });
    bus.subscribe('org-a', (published) => heard.push(published.seq));
    await bus.publish(event('org-a', 1));
    remove();
    await bus.publish(event('org-a', 2));
    expect(ran).toEqual([1]);
    expect(heard).toEqual([1, 2]);
    await bus.close();
  });

  it.skipIf(!process.env.REDIS_URL)('run only on the instance that publishes, not again where the event arrives through Redis', async () => {
    const [first, second] = [await createEventBus({ redisUrl: process.env.REDIS_URL, log }), await createEventBus({ redisUrl: process.env.REDIS_URL, log })];
    const orgId = `org-${crypto.randomUUID()}`;
    const hooked: string[] = [];
    first.onPublish(() => void hooked.push('first'));
    second.onPublish(() => void hooked.push('second'));
    const arrived = new Promise<void>((resolve) => second.subscribe(orgId, () => resolve()));
    await first.publish(event(orgId, 1));
    await arrived;
    expect(hooked).toEqual(['first']);
    await Promise.all([first.close(), second.close()]);
  });
});
