/**
 * `2026-11-28T08:15:00.123Z` → `20261128T081500Z`: ISO 8601 basic format in UTC, to the
 * second. Fixed width, so names sort by time; no `:` so it is safe in file names on
 * every platform.
 */
export function fileTimestamp(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) {
    throw new TypeError(`Expected \`now()\` to return a valid Date, got \`${String(date)}\``);
  }
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new TypeError(`Expected \`now()\` to return a date in the years 0000–9999, got \`${date.toISOString()}\``);
  }
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return (
    `${pad(year, 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}
