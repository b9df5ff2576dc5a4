import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigError, type Config } from '../../config.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * The certificate and key of TLS_CERT_FILE / TLS_KEY_FILE, read once at start-up and checked
 * to belong together, so that a wrong file stops the start with one line naming it instead of
 * failing every handshake later. Null when the server speaks plain HTTP (TLS at a proxy).
 */
export function readTlsFiles(config: Pick<Config, 'TLS_CERT_FILE' | 'TLS_KEY_FILE'>): TlsFiles | null {
  if (!config.TLS_CERT_FILE || !config.TLS_KEY_FILE) return null;
  const read = (name: 'TLS_CERT_FILE' | 'TLS_KEY_FILE', file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigError(`Invalid configuration: ${name} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  };
  const files = { cert: read('TLS_CERT_FILE', config.TLS_CERT_FILE), key: read('TLS_KEY_FILE', config.TLS_KEY_FILE) };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE are not a PEM certificate and its key (${(error as Error).message})`);
  }
  return files;
}
