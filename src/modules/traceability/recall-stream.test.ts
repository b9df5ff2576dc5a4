import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drained } from './trace.service.js';

// The streamed recall holds a read transaction (on the embedded database, its only connection)
// while it writes: a client that stops reading must not hold it for ever.

/** A stream nobody reads, written to until it asks the writer to wait. */
function fullStream(): PassThrough {
  const stream = new PassThrough({ highWaterMark: 16 });
  while (stream.write('x'.repeat(16)));
  return stream;
}

describe('waiting for a recall client', () => {
  it('goes on as soon as the client takes more', async () => {
    const stream = fullStream();
    const waiting = drained(stream, 1000);
    stream.resume();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('gives up on a client that takes nothing for the stall time', async () => {
    const started = Date.now();
    await expect(drained(fullStream(), 50)).rejects.toThrow(/took nothing for 50 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('gives up at once on a client that went away', async () => {
    const stream = fullStream();
    const waiting = drained(stream, 1000);
    stream.destroy();
    await expect(waiting).rejects.toThrow(/closed before its end/);
  });
});
