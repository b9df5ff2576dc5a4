// Splits a scanned or typed element string into its elements. Two forms arrive: the
// human-readable one a person types from under the bars, `(01)…(10)…`, and the raw one a
// scanner sends, where FNC1 after a variable-length value comes through as GS (ASCII 29),
// often behind a symbology identifier such as `]C1`.

import { aiDigitsAt, findAiDefinition, type Gs1AiDefinition } from './application-identifiers.js';
import { checkElement, type Gs1Element } from './element.js';
import { Gs1Error } from './gs1-error.js';

export const GS = '\u001d';

/** Symbology identifiers of the GS1 symbols: GS1-128, DataMatrix, QR, DataBar, DotCode. */
const gs1SymbologyIds = [']C1', ']d2', ']Q3', ']e0', ']J1'];

/** The elements of `barcode` in either form, each value checked against its AI as it is read. */
export function readElementString(barcode: string, today: Date): Gs1Element[] {
  const text = barcode.trim();
  if (text.length === 0) throw new Gs1Error('', 'the barcode is empty');
  const checked = (element: Gs1Element) => {
    checkElement(element, today);
    return element;
  };
  return text.startsWith('(') ? readHumanForm(text, checked) : readRawForm(stripSymbologyId(text), checked);
}

function stripSymbologyId(text: string): string {
  if (!text.startsWith(']')) return text;
  const id = text.slice(0, 3);
  if (!gs1SymbologyIds.includes(id)) throw new Gs1Error('', `${id} is not the symbology identifier of a GS1 barcode`);
  return text.slice(3);
}

function requireDefinition(ai: string, start: number): Gs1AiDefinition {
  if (!/^\d{2,4}$/.test(ai)) throw new Gs1Error(ai, `expected an application identifier at character ${start + 1}`);
  const definition = findAiDefinition(ai);
  if (!definition) throw new Gs1Error(ai, `(${ai}) is not an application identifier MonoPilot reads`);
  return definition;
}

type Check = (element: Gs1Element) => Gs1Element;

function readRawForm(text: string, checked: Check): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < text.length) {
    // A separator may lead the string (a transmitted FNC1) or follow a fixed-length value.
    if (text[at] === GS) {
      at++;
      continue;
    }
    const definition = requireDefinition(aiDigitsAt(text, at), at);
    at += definition.ai.length;
    const separator = text.indexOf(GS, at);
    const variableEnd = separator === -1 ? text.length : separator;
    const end = definition.isFixed ? Math.min(at + definition.length, variableEnd) : variableEnd;
    elements.push(checked({ ai: definition.ai, value: text.slice(at, end) }));
    at = end;
  }
  return elements;
}

/**
 * Where a human-readable value ends: at the next `(` for digits, at the next bracketed known AI
 * for an alphanumeric value, since a lot may hold brackets.
 */
function valueEnd(text: string, from: number, definition: Gs1AiDefinition): number {
  if (definition.kind !== 'alphanumeric') {
    const opening = text.indexOf('(', from);
    return opening === -1 ? text.length : opening;
  }
  const opening = /\((\d{2,4})\)/g;
  opening.lastIndex = from;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    if (findAiDefinition(match[1]!)) return match.index;
  }
  return text.length;
}

function readHumanForm(text: string, checked: Check): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let at = 0;
  while (at < text.length) {
    const close = text.indexOf(')', at);
    if (text[at] !== '(' || close === -1) throw new Gs1Error('', `expected (AI) at character ${at + 1}`);
    const definition = requireDefinition(text.slice(at + 1, close), at);
    const end = valueEnd(text, close + 1, definition);
    // Spaces are outside every GS1 character set, so those around a value are layout.
    elements.push(checked({ ai: definition.ai, value: text.slice(close + 1, end).trim() }));
    at = end;
  }
  return elements;
}
