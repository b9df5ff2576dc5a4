import { formatDate, formatNumber, formatUnit } from '../format';
import { i18n } from '../i18n';
import type { FieldError, Problem, ProblemParams } from './client';

/**
 * A problem's text in the user's language, from its stable `code` and `params`
 * (docs/problem-codes.md). A code without a text here, or a kind's bare default code whose
 * English detail says more than a generic sentence would, shows the server's detail.
 */

/** Kinds' default codes: the server's detail is the specific part. */
const unspecific = new Set(['validation', 'conflict', 'invalid_state', 'insufficient_quantity', 'not_found', 'custom', 'invalid']);

const t = (key: string, options?: Record<string, unknown>): string => i18n.t(key as never, options as never) as unknown as string;
const has = (key: string) => i18n.exists(key);

function entity(value: unknown): string {
  const key = `problems.entities.${String(value)}`;
  return has(key) ? t(key) : String(value).replaceAll('_', ' ');
}

function status(value: unknown): string {
  const key = `status.${String(value)}`;
  return has(key) ? t(key) : String(value).replaceAll('_', ' ');
}

function action(value: unknown): string {
  const key = `problems.actions.${String(value)}`;
  return has(key) ? t(key) : String(value).replaceAll('_', ' ');
}

const number = (value: unknown) => (typeof value === 'number' ? formatNumber(value, i18n.language) : String(value));

/** Why a plate cannot be used, from license_plate_not_usable's params. */
function usabilityReasons(params: ProblemParams): string {
  const reasons = [];
  if (params.status) reasons.push(t('problems.usability.status', { status: status(params.status) }));
  if (params.qaStatus) reasons.push(t('problems.usability.qaStatus', { qaStatus: status(params.qaStatus) }));
  if (params.expiredOn) reasons.push(t('problems.usability.expired', { date: formatDate(String(params.expiredOn), i18n.language) }));
  return reasons.join('; ');
}

/** The params ready for a sentence: numbers in the locale, units, statuses, entities and actions translated. */
function localized(params: ProblemParams = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) values[name] = value === null ? '' : number(value);
  if (params.entity !== undefined) values.entity = entity(params.entity);
  for (const name of ['status', 'qaStatus'] as const) if (params[name] !== undefined) values[name] = status(params[name]);
  if (params.allowed !== undefined) values.allowed = String(params.allowed).split(', ').map((each) => `„${status(each)}”`).join(t('problems.or'));
  if (params.action !== undefined) values.action = action(params.action);
  if (params.level !== undefined && has(`problems.levels.${String(params.level)}`)) values.level = t(`problems.levels.${String(params.level)}`);
  if (params.module !== undefined && has(`modules.${String(params.module)}`)) values.module = t(`modules.${String(params.module)}`);
  if (typeof params.held === 'number' && params.uom) values.held = `${number(params.held)} ${formatUnit(String(params.uom), i18n.language)}`;
  if (params.number !== undefined && params.number !== null) values.reasons = usabilityReasons(params);
  return values;
}

/** Whether the app has its own sentence for the problem (else the server's detail is shown). */
export function hasOwnText(problem: Problem): boolean {
  const code = problem.code;
  const isBare = !problem.params || Object.keys(problem.params).length === 0;
  return Boolean(code) && has(`problems.codes.${code}`) && !(unspecific.has(code!) && isBare);
}

/** The whole problem in the user's language, or the server's detail when the app has no text for its code. */
export function problemText(problem: Problem): string {
  if (!hasOwnText(problem)) return problem.detail || problem.title;
  return t(`problems.codes.${problem.code}`, localized(problem.params));
}

/** Zod's issue codes: a schema may have given them its own English message. */
const schemaCodes = new Set(['too_big', 'too_small', 'invalid_type', 'invalid_format', 'invalid_value', 'not_multiple_of']);
const zodDefault = /^(Invalid|Too (big|small)|Expected|Unrecognized)/;

/** Which field text fits a too_big / too_small issue: strings count characters, arrays items, exclusive bounds say so. */
function fieldKey(error: FieldError): string {
  const { code, params = {} } = error;
  if (code !== 'too_big' && code !== 'too_small') return `problems.fields.${code}`;
  if (params.origin === 'string') return code === 'too_small' && params.minimum === 1 ? 'problems.fields.too_small_string_one' : `problems.fields.${code}_string`;
  if (params.origin === 'array' || params.origin === 'set') return `problems.fields.${code}_array`;
  return params.inclusive === false ? `problems.fields.${code}_exclusive` : `problems.fields.${code}`;
}

/**
 * One field's error in the user's language: the field's own short text, else the problem's sentence
 * (a field that took its problem's code, `over_receipt` on a quantity), else the server's English words.
 */
export function fieldErrorText(error: FieldError): string {
  if (!error.code) return error.message;
  // A pattern cannot be put into words here; its schema's own words say what it wants.
  if (error.code === 'invalid_format' && error.params?.format === 'regex') return error.message;
  // In English a schema's own message ("must be a whole number of days") says more than a generic one; Zod's defaults do not.
  if (i18n.language === 'en' && schemaCodes.has(error.code) && !zodDefault.test(error.message)) return error.message;
  const key = fieldKey(error);
  if (has(key)) return t(key, localized(error.params));
  const asProblem = { type: '', title: '', status: 0, detail: error.message, code: error.code, params: error.params };
  return problemText(asProblem);
}

/** The field a path names, in the user's language when the app has a label for it (`lines.0.qty` → "Quantity"). */
export function fieldLabel(path: string): string {
  const last = path.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? path;
  return has(`fields.${last}`) ? t(`fields.${last}`) : path;
}
