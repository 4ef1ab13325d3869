/**
 * Intl helpers for dates, times, numbers and lists in the session's locale (`SessionState.locale`).
 * Formatters are cached per locale and options: building an Intl formatter is costly and these run
 * in render for every comment row.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat>(
  kind: string,
  locale: string | undefined,
  options: object,
  make: (locale: string | undefined) => T,
): T {
  const key = `${kind}|${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) {
    try {
      f = make(locale);
    } catch {
      // An invalid tag (RangeError) falls back to the runtime's default locale rather than breaking render.
      f = make(undefined);
    }
    cache.set(key, f);
  }
  return f;
}

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A date ("24 Nov 2026"; style `full` adds the weekday). Empty for an invalid date. */
export function formatDate(
  value: string | number | Date,
  locale?: string,
  style: Intl.DateTimeFormatOptions['dateStyle'] = 'medium',
): string {
  const date = toDate(value);
  if (!date) return '';
  const options = { dateStyle: style };
  return cached('date', locale, options, (l) => new Intl.DateTimeFormat(l, options)).format(date);
}

/** A time of day ("09:12" or "9:12 AM" as the locale has it). */
export function formatTime(value: string | number | Date, locale?: string): string {
  const date = toDate(value);
  if (!date) return '';
  const options = { timeStyle: 'short' } as const;
  return cached('time', locale, options, (l) => new Intl.DateTimeFormat(l, options)).format(date);
}

/** Date and time ("24 Nov 2026, 09:12"; `full` spells the weekday and month out). */
export function formatDateTime(value: string | number | Date, locale?: string, full = false): string {
  const date = toDate(value);
  if (!date) return '';
  const options = { dateStyle: full ? 'full' : 'medium', timeStyle: 'short' } as const;
  return cached('datetime', locale, options, (l) => new Intl.DateTimeFormat(l, options)).format(date);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/**
 * "3 minutes ago" / "il y a 3 minutes" / "3 分前", "yesterday"; from a week away on, the date and time.
 * `now` is passed in so a list renders against one clock and tests are deterministic.
 */
export function formatRelativeTime(value: string | number | Date, locale?: string, now: number = Date.now()): string {
  const date = toDate(value);
  if (!date) return '';
  const options = { numeric: 'auto' } as const;
  const rtf = cached('relative', locale, options, (l) => new Intl.RelativeTimeFormat(l, options));
  let delta = (date.getTime() - now) / 1000;
  if (Math.abs(delta) < 45) return rtf.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) < size) return rtf.format(Math.round(delta), unit);
    delta /= size;
  }
  return formatDateTime(date, locale);
}

/** A number with the locale's separators ("1 234,5" in French). */
export function formatNumber(value: number, locale?: string, options: Intl.NumberFormatOptions = {}): string {
  return cached('number', locale, options, (l) => new Intl.NumberFormat(l, options)).format(value);
}

/** A byte size with a unit ("12.5 MB", "12,5 Mo"). */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return formatNumber(value, locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i ? 1 : 0 });
}

/** "Ann, Bob and Cy" / "Ann, Bob et Cy" / "Ann、Bob、Cy". */
export function formatList(items: readonly string[], locale?: string, type: Intl.ListFormatType = 'conjunction'): string {
  const options = { type, style: 'long' } as const;
  return cached('list', locale, options, (l) => new Intl.ListFormat(l, options)).format(items);
}
