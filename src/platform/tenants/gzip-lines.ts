import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';

/** Where an export's lines go: gzip'd into a file or a response, honouring back-pressure. */
export interface LineSink {
  /** Writes lines (each without its newline); waits while the destination is behind. */
  write(lines: string[]): Promise<void>;
  /** Flushes and closes; resolves once the destination has everything. */
  end(): Promise<void>;
  /** Gives up: the destination is closed without a complete file. */
  abort(error: Error): void;
}

export function gzipLineSink(destination: Writable): LineSink {
  const gzip = createGzip();
  const finished = pipeline(gzip, destination);
  // A failure is reported by the next write or by end(); never as an unhandled rejection.
  finished.catch(() => undefined);
  return {
    async write(lines) {
      if (lines.length === 0) return;
      // A destination that went away (a client that hung up) ends the export, not a hang.
      if (gzip.destroyed) throw new Error('the export destination was closed');
      if (!gzip.write(`${lines.join('\n')}\n`)) await Promise.race([once(gzip, 'drain'), finished.then(() => Promise.reject(new Error('the export destination was closed')))]);
    },
    async end() {
      gzip.end();
      await finished;
    },
    abort(error) {
      gzip.destroy(error);
    },
  };
}

/** The lines of a gzip'd stream, one at a time (a line is held whole, the stream never is). */
export async function* gunzipLines(source: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const decoding = pipeline(source, gunzip).catch((error: unknown) => gunzip.destroy(error instanceof Error ? error : new Error(String(error))));
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of gunzip) {
      const lines = (pending + decoder.write(chunk as Buffer)).split('\n');
      pending = lines.pop()!;
      yield* lines;
    }
    pending += decoder.end();
    if (pending !== '') yield pending;
  } finally {
    source.destroy();
    await decoding;
  }
}

/** The lines of a gzip'd file. */
export const readGzipLines = (file: string) => gunzipLines(createReadStream(file));
