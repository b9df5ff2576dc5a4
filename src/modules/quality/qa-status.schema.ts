import { z } from 'zod';
import { reason } from '../warehouse/index.js';

export const holdBody = z.strictObject({ reason });
export const decisionBody = z.strictObject({ reason: reason.optional() }).nullish();
