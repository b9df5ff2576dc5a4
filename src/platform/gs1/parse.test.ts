import { describe, expect, it } from 'vitest';
import { Gs1Error } from './gs1-error.js';
import { parseGs1 } from './parse.js';

const GS = '\u001d';
const today = new Date('2026-06-15T12:00:00Z');
const parse = (barcode: string) => parseGs1(barcode, { today });

function errorOf(barcode: string): Gs1Error {
  try {
    parse(barcode);
  } catch (error) {
    if (error instanceof Gs1Error) return error;
    throw error;
  }
  throw new Error(`${barcode} was read without an error`);
}

describe('parseGs1, the human-readable form', () => {
  it('reads a trade item with its lot, dates and weight', () => {
    const read = parse('(01)04006381333931(11)260102(13)260103(17)261231(10)LOT-7(21)SN1');
    expect(read).toMatchObject({
      gtin: '04006381333931',
      productionDate: '2026-01-02',
      packagingDate: '2026-01-03',
      expiryDate: '2026-12-31',
      lot: 'LOT-7',
      serial: 'SN1',
    });
    expect(read.elements.map((element) => element.ai)).toEqual(['01', '11', '13', '17', '10', '21']);
  });

  it('reads a logistic unit: SSCC, content GTIN, best before and count', () => {
    expect(parse('(00)106141411234567897(02)04006381333931(15)270300(37)48')).toMatchObject({
      sscc: '106141411234567897',
      contentGtin: '04006381333931',
      bestBefore: '2027-03-31',
      count: 48,
    });
  });

  it('takes spaces around values as layout and brackets inside a lot as the lot', () => {
    expect(parse('(01) 04006381333931 (10) A(B)1 (30) 12')).toMatchObject({ lot: 'A(B)1', variableCount: 12 });
  });
});

describe('parseGs1, the raw form a scanner sends', () => {
  it('reads fixed-length elements without separators and variable ones ended by GS', () => {
    const read = parse(`0104006381333931${'10'}ABC${GS}3102000125${'37'}12`);
    expect(read).toMatchObject({ gtin: '04006381333931', lot: 'ABC', netWeightKg: 1.25, count: 12 });
  });

  it.each([']C1', ']d2', ']Q3', GS])('strips a leading %j', (prefix) => {
    expect(parse(`${prefix}0104006381333931${'15'}260600`)).toMatchObject({ gtin: '04006381333931', bestBefore: '2026-06-30' });
  });

  it('accepts a needless separator after a fixed-length value', () => {
    expect(parse(`0104006381333931${GS}10L1`)).toMatchObject({ gtin: '04006381333931', lot: 'L1' });
  });

  it('refuses the symbology identifier of a barcode that is no GS1 one', () => {
    expect(() => parse(']C00104006381333931')).toThrow(/not the symbology identifier/);
  });
});

describe('weights with their decimal indicator', () => {
  it.each([
    ['3100', '000125', 125],
    ['3101', '000125', 12.5],
    ['3102', '000125', 1.25],
    ['3103', '000125', 0.125],
    ['3105', '123456', 1.23456],
    ['3105', '000001', 0.00001],
  ])('(%s) %s is %d kg', (ai, value, kg) => {
    expect(parse(`(${ai})${value}`).netWeightKg).toBe(kg);
  });

  it('reports pounds as given, not as kilograms', () => {
    const read = parse('(3202)001500');
    expect(read.netWeightLb).toBe(15);
    expect(read.netWeightKg).toBeUndefined();
  });

  it('reads the other measures into elements without inventing a field', () => {
    const read = parse('(3151)015000(3120)000002(3295)000001');
    expect(read.elements).toEqual([
      { ai: '3151', value: '015000' },
      { ai: '3120', value: '000002' },
      { ai: '3295', value: '000001' },
    ]);
    expect(read.netWeightKg).toBeUndefined();
  });

  it('refuses a decimal indicator GS1 does not define', () => {
    expect(errorOf('(3106)000125').element).toBe('3106');
  });
});

describe('dates', () => {
  it('reads day 00 as the last day of that month, leap years included', () => {
    expect(parse('(15)260200').bestBefore).toBe('2026-02-28');
    expect(parse('(15)280200').bestBefore).toBe('2028-02-29');
    expect(parse('(17)261100').expiryDate).toBe('2026-11-30');
    expect(parse('(17)261200').expiryDate).toBe('2026-12-31');
  });

  it('puts a two-digit year within 49 years ahead and 50 behind today', () => {
    expect(parse('(11)750101').productionDate).toBe('2075-01-01');
    expect(parse('(11)770101').productionDate).toBe('1977-01-01');
    expect(parseGs1('(11)010101', { today: new Date('2098-01-01') }).productionDate).toBe('2101-01-01');
  });

  it('refuses a month or day that does not exist', () => {
    expect(errorOf('(15)261301').element).toBe('15');
    expect(errorOf('(17)260230').element).toBe('17');
    expect(errorOf('(17)270229').element).toBe('17');
    expect(errorOf('(11)26013').element).toBe('11');
  });
});

describe('what parseGs1 refuses, naming the element', () => {
  it.each([
    ['a wrong GTIN check digit', '(01)04006381333932', '01', /check digit/],
    ['a wrong SSCC check digit', '(00)106141411234567890', '00', /check digit/],
    ['a wrong content GTIN check digit', '(02)04006381333930(37)5', '02', /check digit/],
    ['an unknown AI', '(01)04006381333931(99)ABC', '99', /not an application identifier/],
    ['an unknown AI in raw form', '0104006381333931' + '99ABC', '99', /not an application identifier/],
    ['a GTIN too short', '(01)0400638133393', '01', /exactly 14/],
    ['a lot over 20 characters', '(10)ABCDEFGHIJKLMNOPQRSTU', '10', /at most 20/],
    ['a count over 8 digits', '(37)123456789', '37', /at most 8/],
    ['a count that is no number', '(37)12A', '37', /digits/],
    ['a lot with a character outside GS1 set 82', '(10)AB#1', '10', /character/],
    ['an empty lot', '(10)(37)1', '10', /no value/],
    ['a repeated AI', '(10)A(10)B', '10', /more than once/],
    ['a fixed value cut short by a separator', `01040063813${GS}3931`, '01', /exactly 14/],
  ])('%s', (_name, barcode, ai, message) => {
    const error = errorOf(barcode);
    expect(error.element).toBe(ai);
    expect(error.message).toMatch(message);
  });

  it('refuses an empty string and text that is no element string', () => {
    expect(() => parse('  ')).toThrow(Gs1Error);
    expect(() => parse('hello')).toThrow(Gs1Error);
    expect(() => parse('(01')).toThrow(Gs1Error);
  });
});
