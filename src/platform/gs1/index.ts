// GS1 identifiers, element strings and logistics labels: pure functions, no database, for
// pallets (SSCC and labels), receiving scans and the GS1 parse endpoint.

export { gs1AiDefinitions, findAiDefinition, type Gs1AiDefinition } from './application-identifiers.js';
export { gs1CheckDigit, hasValidCheckDigit } from './check-digit.js';
export { readGs1Date, writeGs1Date } from './dates.js';
export type { Gs1Element } from './element.js';
export { encodeGs1, type Gs1Form } from './encode.js';
export { Gs1Error } from './gs1-error.js';
export { renderLogisticsLabel, type LabelFormat } from './label.js';
export type { LogisticsLabel } from './label-content.js';
export { parseGs1, type Gs1Elements, type ParseOptions } from './parse.js';
export { makeSscc, type SsccParts } from './sscc.js';
