import { describe, expect, it } from 'vitest';
import { AppError, translateDatabaseError } from './errors.js';

// The one map from what the database refuses to what the client is told.

const pgError = (code: string) => Object.assign(new Error(`database error ${code}`), { code });
/** Drizzle wraps the driver's error: the code is on the cause. */
const wrapped = (code: string) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause: pgError(code) });

describe('translateDatabaseError', () => {
  it("maps PostgreSQL's data exceptions to 400, wrapped or not", () => {
    for (const code of ['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']) {
      for (const error of [pgError(code), wrapped(code)]) {
        const translated = translateDatabaseError(error);
        expect(translated, code).toBeInstanceOf(AppError);
        expect(translated!.status, code).toBe(400);
        expect(translated!.code).toBe('VALIDATION');
      }
    }
  });

  it('keeps unique and foreign-key violations 409 and 404, and leaves unknown failures to be 500s', () => {
    expect(translateDatabaseError(pgError('23505'))!.status).toBe(409);
    expect(translateDatabaseError(pgError('23503'))!.status).toBe(404);
    expect(translateDatabaseError(pgError('42P01'))).toBeNull();
    expect(translateDatabaseError(new Error('no code'))).toBeNull();
  });
});
