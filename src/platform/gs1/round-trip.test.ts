// What the writers produce, the reader reads back: element strings in both forms, SSCCs,
// and the ^BC data of a ZPL label, for any values GS1 allows.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1AiDefinitions, type Gs1AiDefinition } from './application-identifiers.js';
import { gs1CheckDigit } from './check-digit.js';
import type { Gs1Element } from './element.js';
import { encodeGs1 } from './encode.js';
import { parseGs1 } from './parse.js';
import { makeSscc } from './sscc.js';
import { zplGs1128Data } from './label-zpl.js';
import { decodeZplCode128 } from './zpl-decoder.test-helper.js';

const cset82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const pad2 = (value: number) => String(value).padStart(2, '0');

function valueFor(definition: Gs1AiDefinition): fc.Arbitrary<string> {
  switch (definition.kind) {
    case 'checked':
      return digits(definition.length - 1, definition.length - 1).map((data) => data + gs1CheckDigit(data));
    case 'date':
      // Day 28 exists in every month; 00 means the last one.
      return fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 1, 15, 28)).map(([y, m, d]) => pad2(y) + pad2(m) + pad2(d));
    case 'alphanumeric':
      return fc.string({ unit: fc.constantFrom(...cset82), minLength: 1, maxLength: definition.length });
    case 'numeric':
      return digits(1, definition.length);
    case 'measure':
      return digits(6, 6);
  }
}

const elementList: fc.Arbitrary<Gs1Element[]> = fc
  .uniqueArray(fc.constantFrom(...gs1AiDefinitions), { minLength: 1, maxLength: 8, selector: (definition) => definition.ai })
  .chain((definitions) => fc.tuple(...definitions.map((definition) => valueFor(definition).map((value) => ({ ai: definition.ai, value })))));

/** The human-readable form cannot carry `(17)` inside a lot; encodeGs1 refuses those. */
const holdsBracketedAi = (elements: Gs1Element[]) =>
  elements.some(({ value }) => [...value.matchAll(/\((\d{2,4})\)/g)].some((match) => gs1AiDefinitions.some((definition) => definition.ai === match[1])));

describe('round trips', () => {
  it('encodeGs1 refuses a date that does not exist, naming its AI', () => {
    expect(() => encodeGs1([{ ai: '17', value: '271301' }], 'raw')).toThrow(/\(17\) has no month 13/);
    expect(() => encodeGs1([{ ai: '15', value: '270230' }], 'human')).toThrow(/\(15\) has no day 30/);
  });

  it('parseGs1 reads back what encodeGs1 writes in raw form', () => {
    fc.assert(
      fc.property(elementList, (elements) => {
        expect(parseGs1(encodeGs1(elements, 'raw')).elements).toEqual(elements);
        expect(parseGs1(`]C1${encodeGs1(elements, 'raw')}`).elements).toEqual(elements);
      }),
      { numRuns: 500 },
    );
  });

  it('parseGs1 reads back what encodeGs1 writes in human-readable form, which refuses what it cannot carry', () => {
    fc.assert(
      fc.property(elementList, (elements) => {
        if (holdsBracketedAi(elements)) expect(() => encodeGs1(elements, 'human')).toThrow(/human-readable form cannot carry/);
        else expect(parseGs1(encodeGs1(elements, 'human')).elements).toEqual(elements);
      }),
      { numRuns: 500 },
    );
  });

  it('an SSCC from makeSscc reads back as that SSCC', () => {
    const parts = fc.integer({ min: 7, max: 10 }).chain((prefixLength) =>
      fc.record({
        extensionDigit: fc.integer({ min: 0, max: 9 }),
        companyPrefix: digits(prefixLength, prefixLength),
        serial: fc.bigInt({ min: 0n, max: 10n ** BigInt(16 - prefixLength) - 1n }),
      }),
    );
    fc.assert(
      fc.property(parts, (part) => {
        const sscc = makeSscc(part);
        expect(parseGs1(`(00)${sscc}`).sscc).toBe(sscc);
        expect(sscc.slice(1, 1 + part.companyPrefix.length)).toBe(part.companyPrefix);
        expect(BigInt(sscc.slice(1 + part.companyPrefix.length, 17))).toBe(part.serial);
      }),
    );
  });

  it('the ZPL ^BC data of a symbol scans as the raw element string', () => {
    fc.assert(
      fc.property(elementList, (elements) => {
        expect(decodeZplCode128(zplGs1128Data(elements).data)).toBe(encodeGs1(elements, 'raw'));
      }),
      { numRuns: 500 },
    );
  });
});
