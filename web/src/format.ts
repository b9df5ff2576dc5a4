import { i18n } from './i18n';
import { dateInOrganization } from './organization-time';

/** Numbers and dates in the person's language; quantities keep up to 6 decimals, as the API does. */
export function formatNumber(value: number | null | undefined, language: string, maximumFractionDigits = 6): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits }).format(value);
}

/** A unit code as people write it in the language (`pcs` → `szt.` in Polish; kg stays kg); an unknown code as it is. */
export function formatUnit(uom: string | null | undefined, language: string): string {
  if (!uom) return '';
  return i18n.t(`uom.${uom}` as never, { lng: language, defaultValue: uom } as never) as unknown as string;
}

/** A quantity with its unit, both in the person's language: `40,4 kg`, `12 szt.`. */
export function formatQty(value: number | null | undefined, uom: string | null | undefined, language: string): string {
  const number = formatNumber(value, language);
  return uom ? `${number} ${formatUnit(uom, language)}` : number;
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Today as YYYY-MM-DD in the organization's time zone (its settings), not the browser's. */
export function today(): string {
  return dateInOrganization(new Date());
}
