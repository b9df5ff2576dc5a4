// Writes an element string. In raw form a fixed-length value needs no separator; a
// variable-length one is ended by GS (FNC1) unless it is the last, as GS1 asks.

import { findAiDefinition } from './application-identifiers.js';
import { checkElement, type Gs1Element } from './element.js';
import { GS } from './element-string.js';
import { Gs1Error } from './gs1-error.js';

export type Gs1Form = 'human' | 'raw';

/** The element string of `elements` in human-readable `(ai)value` or raw GS-separated form. */
export function encodeGs1(elements: Gs1Element[], form: Gs1Form): string {
  if (form === 'human') {
    for (const element of elements) checkHumanReadable(element);
    return elements.map(({ ai, value }) => `(${ai})${value}`).join('');
  }
  return elements
    .map((element, index) => {
      const { isFixed } = checkElement(element);
      const isLast = index === elements.length - 1;
      return `${element.ai}${element.value}${isFixed || isLast ? '' : GS}`;
    })
    .join('');
}

/**
 * A lot such as `A(17)B` would read back as two elements from the human-readable form, so
 * that form refuses a value holding a bracketed known AI; the raw form has no such limit.
 */
function checkHumanReadable(element: Gs1Element): void {
  checkElement(element);
  for (const match of element.value.matchAll(/\((\d{2,4})\)/g)) {
    if (findAiDefinition(match[1]!)) {
      throw new Gs1Error(element.ai, `(${element.ai}) holds "${match[0]}", which the human-readable form cannot carry`);
    }
  }
}
