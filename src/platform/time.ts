// Building a DateTimeFormat costs far more than using one (it was a twentieth of a consumption's
// CPU): one per time zone, made on first use. Plants use a handful of zones.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatIn(timezone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timezone, format);
  }
  return format;
}

/** The calendar date 'YYYY-MM-DD' at `now` in an IANA time zone: "today" where a plant works. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  const parts = dateFormatIn(timezone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
