// One rule for what an element's value may be, shared by the reader and the writer so that
// what encodeGs1 accepts is exactly what parseGs1 reads back.

import { findAiDefinition, type Gs1AiDefinition } from './application-identifiers.js';
import { hasValidCheckDigit } from './check-digit.js';
import { readGs1Date } from './dates.js';
import { Gs1Error } from './gs1-error.js';

export interface Gs1Element {
  ai: string;
  value: string;
}

/** GS1 character set 82: what alphanumeric AIs such as (10) and (21) may hold. */
const cset82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
const digits = /^\d+$/;

/**
 * The definition of `ai` after checking `value` against it, a date against the calendar of the
 * century `today` puts it in; a Gs1Error naming the AI otherwise.
 */
export function checkElement({ ai, value }: Gs1Element, today: Date = new Date()): Gs1AiDefinition {
  const definition = findAiDefinition(ai);
  if (!definition) throw new Gs1Error(ai, `(${ai}) is not an application identifier MonoPilot reads`);
  if (value.length === 0) throw new Gs1Error(ai, `(${ai}) has no value`);
  if (definition.isFixed && value.length !== definition.length) {
    throw new Gs1Error(ai, `(${ai}) must be exactly ${definition.length} characters, not ${value.length}`);
  }
  if (value.length > definition.length) throw new Gs1Error(ai, `(${ai}) may be at most ${definition.length} characters`);
  if (definition.kind === 'alphanumeric') {
    if (!cset82.test(value)) throw new Gs1Error(ai, `(${ai}) holds a character GS1 does not allow`);
  } else if (!digits.test(value)) {
    throw new Gs1Error(ai, `(${ai}) must be digits`);
  }
  if (definition.kind === 'checked' && !hasValidCheckDigit(value)) throw new Gs1Error(ai, `(${ai}) has a wrong check digit`);
  if (definition.kind === 'date') readGs1Date(ai, value, today);
  return definition;
}
