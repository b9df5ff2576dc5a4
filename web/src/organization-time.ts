/**
 * The organization's time zone (its settings' `timezone`), which decides what "today" is on every
 * screen: a planner abroad or a browser set to another zone still sees the plant's date. Until the
 * settings are read, the browser's own zone stands in.
 */
let timeZone: string | undefined;

export function setOrganizationTimeZone(zone: string | null | undefined): void {
  timeZone = zone || undefined;
}

/** A date's YYYY-MM-DD in the organization's time zone. */
export function dateInOrganization(at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)!.value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    // A zone this browser does not know: its own.
    return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  }
}
