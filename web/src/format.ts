import { dateInOrganization } from './organization-time';

/** Numbers and dates in the person's language; quantities keep up to 6 decimals, as the API does. */
export function formatNumber(value: number | null | undefined, language: string, maximumFractionDigits = 6): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits }).format(value);
}

export function formatQty(value: number | null | undefined, uom: string | undefined, language: string): string {
  const number = formatNumber(value, language);
  return uom ? `${number} ${uom}` : number;
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
