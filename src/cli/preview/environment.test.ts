import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { previewEnvironment } from './environment.js';

describe("the preview's environment", () => {
  it('leaves out every shared database, cache and backup folder, and makes fresh secrets each run', () => {
    const shared = {
      DATABASE_URL: 'postgres://u@db/prod',
      DATABASE_DIRECT_URL: 'postgres://u@db/prod',
      DATABASE_READ_URL: 'postgres://u@replica/prod',
      TENANT_DATABASES: '{"acme":"postgres://u@db/acme"}',
      REDIS_URL: 'redis://cache:6379',
      BACKUP_DIR: '/backups',
      JWT_SECRET: 'the-production-secret-of-32-characters!',
      DATA_DIR: '/var/lib/monopilot',
      LOG_LEVEL: 'info',
    };
    const first = previewEnvironment(shared, '/tmp/monopilot-preview-1');
    expect(first).toEqual({ DATA_DIR: '/tmp/monopilot-preview-1', HOST: '127.0.0.1', LOG_LEVEL: 'info', JWT_SECRET: expect.any(String), MASTER_KEY: expect.any(String) });
    expect(first.JWT_SECRET).not.toBe(shared.JWT_SECRET);
    expect(Buffer.from(first.MASTER_KEY!, 'base64')).toHaveLength(32);
    const second = previewEnvironment(shared, '/tmp/monopilot-preview-2');
    expect(second.JWT_SECRET).not.toBe(first.JWT_SECRET);
    expect(previewEnvironment({ HOST: '0.0.0.0' }, '/tmp/x')).toMatchObject({ HOST: '0.0.0.0', LOG_LEVEL: 'warn' });
  });
});

describe("the preview's configuration", () => {
  it('satisfies every profile, staging and production included (they require JWT_SECRET and MASTER_KEY)', () => {
    for (const profile of ['development', 'test', 'staging', 'production']) {
      const config = loadConfig(previewEnvironment({ NODE_ENV: profile, DATABASE_URL: 'postgres://u@db/prod' }, '/tmp/monopilot-preview-x'));
      expect(config).toMatchObject({ NODE_ENV: profile, DATA_DIR: '/tmp/monopilot-preview-x' });
      expect(config.DATABASE_URL).toBeUndefined();
      expect(config.MASTER_KEY).toBeDefined();
    }
  });
});
