import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { productionLines } from '../settings/index.js';

/** The line an order is put on must be an active line of the organization (404 / 409 naming the field). */
export async function requireActiveLine(ctx: RequestContext, lineId: string, path = 'lineId'): Promise<{ id: string; code: string }> {
  const line = await productionLines.get(ctx, lineId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'production line not found', [{ path, message: 'no such production line' }]);
    throw error;
  });
  if (!line.active) throw new AppError('INVALID_STATE', `production line ${line.code} is inactive`, [{ path, message: 'production line is inactive' }]);
  return line;
}
