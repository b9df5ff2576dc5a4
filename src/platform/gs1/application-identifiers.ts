// The application identifiers MonoPilot reads and writes (GS1 General Specifications 3.2):
// the logistics and trade-item AIs of food dispatch and receiving. Anything else is refused
// by name rather than guessed at, since a misread AI shifts every element after it.

export type Gs1ValueKind = 'numeric' | 'checked' | 'date' | 'alphanumeric' | 'measure';

export interface Gs1AiDefinition {
  ai: string;
  title: string;
  kind: Gs1ValueKind;
  /** The value's exact length when fixed, or its longest when variable. */
  length: number;
  /** Fixed-length values need no separator after them (the predefined-length table). */
  isFixed: boolean;
}

const plain: Gs1AiDefinition[] = [
  { ai: '00', title: 'SSCC', kind: 'checked', length: 18, isFixed: true },
  { ai: '01', title: 'GTIN', kind: 'checked', length: 14, isFixed: true },
  { ai: '02', title: 'GTIN of contained trade items', kind: 'checked', length: 14, isFixed: true },
  { ai: '10', title: 'Batch or lot number', kind: 'alphanumeric', length: 20, isFixed: false },
  { ai: '11', title: 'Production date', kind: 'date', length: 6, isFixed: true },
  { ai: '13', title: 'Packaging date', kind: 'date', length: 6, isFixed: true },
  { ai: '15', title: 'Best before date', kind: 'date', length: 6, isFixed: true },
  { ai: '17', title: 'Expiration date', kind: 'date', length: 6, isFixed: true },
  { ai: '21', title: 'Serial number', kind: 'alphanumeric', length: 20, isFixed: false },
  { ai: '30', title: 'Variable count of items', kind: 'numeric', length: 8, isFixed: false },
  { ai: '37', title: 'Count of trade items', kind: 'numeric', length: 8, isFixed: false },
];

/** The measures of 31nn and 32nn: the fourth digit is the decimal indicator (0 to 5). */
const measureTitles: Record<string, string> = {
  '310': 'Net weight, kilograms',
  '311': 'Length, metres',
  '312': 'Width, metres',
  '313': 'Depth, metres',
  '314': 'Area, square metres',
  '315': 'Net volume, litres',
  '316': 'Net volume, cubic metres',
  '320': 'Net weight, pounds',
  '321': 'Length, inches',
  '322': 'Length, feet',
  '323': 'Length, yards',
  '324': 'Width, inches',
  '325': 'Width, feet',
  '326': 'Width, yards',
  '327': 'Depth, inches',
  '328': 'Depth, feet',
  '329': 'Depth, yards',
};

const measures: Gs1AiDefinition[] = Object.entries(measureTitles).flatMap(([stem, title]) =>
  [0, 1, 2, 3, 4, 5].map((decimals) => ({ ai: `${stem}${decimals}`, title, kind: 'measure' as const, length: 6, isFixed: true })),
);

const byAi = new Map([...plain, ...measures].map((definition) => [definition.ai, definition]));

/** Every AI understood here, for documentation and tests. */
export const gs1AiDefinitions: readonly Gs1AiDefinition[] = [...byAi.values()];

/** The definition of exactly this AI, or null. */
export function findAiDefinition(ai: string): Gs1AiDefinition | null {
  return byAi.get(ai) ?? null;
}

/**
 * The digits that form the AI at `start`: 2, or 4 for the 3nnn measures (30 and 37 are the
 * 2-digit counts). Whether it is known is findAiDefinition's question.
 */
export function aiDigitsAt(text: string, start: number): string {
  const isMeasure = text[start] === '3' && text[start + 1] !== '0' && text[start + 1] !== '7';
  return text.slice(start, start + (isMeasure ? 4 : 2));
}
