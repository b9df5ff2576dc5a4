import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache, type Cache } from './cache.js';

let cache: Cache;
afterEach(() => cache.close());

const counter = () => {
  let calls = 0;
  return async () => ++calls;
};

describe('the cache', () => {
  it('never serves an entry again once its tag is invalidated', async () => {
    cache = createCache();
    const factory = counter();
    const read = () => cache.getOrSet({ orgId: 'org-a', key: 'settings', ttl: '10m', tags: ['settings'], factory });
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await cache.invalidateTags('org-a', ['settings']);
    expect(await read()).toBeGreaterThan(1);
  });

  it("keeps one organization's entries apart from another's under the same key", async () => {
    cache = createCache();
    const a = await cache.getOrSet({ orgId: 'org-a', key: 'product:1', ttl: '5m', factory: async () => 'a' });
    const b = await cache.getOrSet({ orgId: 'org-b', key: 'product:1', ttl: '5m', factory: async () => 'b' });
    expect([a, b]).toEqual(['a', 'b']);
    await cache.invalidateTags('org-a', ['anything']);
    expect(await cache.getOrSet({ orgId: 'org-b', key: 'product:1', ttl: '5m', factory: async () => 'changed' })).toBe('b');
  });

  it('drops, a moment later, an old answer stored by a read that began before the invalidation', async () => {
    cache = createCache();
    let release!: (value: string) => void;
    const slowRead = cache.getOrSet({ orgId: 'org-a', key: 'bom', ttl: '5m', tags: ['technical'], factory: () => new Promise<string>((resolve) => (release = resolve)) });
    await sleep(10);
    await cache.invalidateTags('org-a', ['technical']);
    await sleep(5);
    release('old');
    expect(await slowRead).toBe('old');
    await sleep(1200);
    expect(await cache.getOrSet({ orgId: 'org-a', key: 'bom', ttl: '5m', tags: ['technical'], factory: async () => 'new' })).toBe('new');
  });
});
