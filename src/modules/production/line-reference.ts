import type { RequestContext } from '../../platform/context.js';
import { AppError, inactiveAt, notFoundAt } from '../../platform/http/errors.js';
import { productionLines } from '../settings/index.js';

/** The line an order is put on must be an active line of the organization (404 / 409 naming the field). */
export async function requireActiveLine(ctx: RequestContext, lineId: string, path = 'lineId'): Promise<{ id: string; code: string }> {
  const line = await productionLines.get(ctx, lineId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFoundAt(path, 'production line');
    throw error;
  });
  if (!line.active) throw inactiveAt(path, 'production line', line.code);
  return line;
}
