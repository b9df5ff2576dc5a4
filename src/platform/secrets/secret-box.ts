import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (webhook secrets, stored replays of answers that carry one), sealed with
 * AES-256-GCM under MASTER_KEY. A sealed value names the key it was sealed with:
 * `mp1:<key id>:<iv>:<ciphertext and tag>` (base64url), the key id being the first 8 bytes of
 * the key's SHA-256, so a server holding MASTER_KEY and MASTER_KEY_PREVIOUS opens both while
 * `npm run rotate-master-key` moves every value to the new one. Each value is bound to what it
 * is (the additional data: e.g. `webhook_endpoints.secret`), so a sealed value copied into
 * another column does not open there.
 */
export interface SecretBox {
  /** The key values are sealed with now. */
  keyId: string;
  seal(plaintext: string, purpose: string): string;
  /** The plaintext; a value written before sealing existed (no `mp1:` prefix) is answered as it is. */
  open(value: string, purpose: string): string;
  /** The key a value is sealed with; null for a value in clear. */
  keyIdOf(value: string): string | null;
}

const PREFIX = 'mp1';
/**
 * Without MASTER_KEY (development and tests only: staging and production require one) values
 * are sealed with this published key: the code path is the one production runs, but it is no
 * secret; `npm run rotate-master-key` moves such values under a real key.
 */
export const DEVELOPMENT_KEY = createHash('sha256').update('monopilot development key: not a secret').digest();

export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

export class SecretBoxError extends Error {}

export function createSecretBox(current: Buffer, previous: Buffer[] = []): SecretBox {
  const keys = new Map([current, ...previous, DEVELOPMENT_KEY].map((key) => [keyIdOf(key), key]));
  const currentId = keyIdOf(current);
  return {
    keyId: currentId,
    seal(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv).setAAD(Buffer.from(purpose));
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [PREFIX, currentId, iv.toString('base64url'), sealed.toString('base64url')].join(':');
    },
    open(value, purpose) {
      const parts = value.split(':');
      if (parts[0] !== PREFIX) return value;
      const [, keyId, iv, sealed] = parts;
      const key = keys.get(keyId ?? '');
      if (!key || !iv || !sealed) throw new SecretBoxError(`a secret is sealed with key ${keyId}, which is neither MASTER_KEY nor MASTER_KEY_PREVIOUS`);
      const bytes = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(purpose));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(`a secret sealed as ${purpose} does not open: altered, or sealed as something else`);
      }
    },
    keyIdOf: (value) => (value.startsWith(`${PREFIX}:`) ? (value.split(':')[1] ?? null) : null),
  };
}

/** The box of the configuration: MASTER_KEY (else the development key) and MASTER_KEY_PREVIOUS. */
export function secretBoxOf(config: { MASTER_KEY?: string; MASTER_KEY_PREVIOUS?: string }): SecretBox {
  const current = config.MASTER_KEY ? Buffer.from(config.MASTER_KEY, 'base64') : DEVELOPMENT_KEY;
  return createSecretBox(current, config.MASTER_KEY_PREVIOUS ? [Buffer.from(config.MASTER_KEY_PREVIOUS, 'base64')] : []);
}
