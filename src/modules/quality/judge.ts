import { decimalPlaces } from '../../platform/http/schemas.js';
import { invalid } from '../../platform/http/errors.js';
import type { ResultValue } from './inspections.schema.js';
import type { Parameter } from './specifications.schema.js';

/**
 * A result judged against its parameter: a number within the limits (both inclusive), the
 * expected yes/no answer; a text result is recorded, not judged. A value of the wrong kind is
 * a 400 naming `path`. Answers the value as stored (text) and whether it passed.
 */
export function judge(parameter: Parameter, value: ResultValue, path: string): { text: string; passed: boolean } {
  switch (parameter.kind) {
    case 'numeric': {
      if (typeof value !== 'number' || !Number.isFinite(value) || decimalPlaces(value) > 6) throw invalid(path, `${parameter.code} needs a number with at most 6 decimals`);
      const passed = (parameter.min === null || value >= parameter.min) && (parameter.max === null || value <= parameter.max);
      return { text: String(value), passed };
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(path, `${parameter.code} needs true or false`);
      return { text: String(value), passed: value === (parameter.expected ?? true) };
    case 'text':
      if (typeof value !== 'string') throw invalid(path, `${parameter.code} needs a text`);
      return { text: value, passed: true };
  }
}

/** A stored result's value as the API answers it, by its parameter's kind. */
export function storedValue(kind: Parameter['kind'] | undefined, text: string): ResultValue {
  if (kind === 'numeric') return Number(text);
  if (kind === 'boolean') return text === 'true';
  return text;
}
