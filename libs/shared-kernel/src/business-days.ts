/**
 * Business-day arithmetic on calendar dates (`YYYY-MM-DD`, UTC). Weekends are skipped;
 * holidays are not modelled yet.
 */
export function isBusinessDay(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The calendar date of an ISO timestamp (UTC). */
export function dateOf(isoTimestamp: string): string {
  return isoTimestamp.slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `date` plus `days` business days; 0 days rolls a weekend date forward to Monday. */
export function addBusinessDays(date: string, days: number): string {
  let current = date;
  while (!isBusinessDay(current)) current = addCalendarDays(current, 1);
  let left = days;
  while (left > 0) {
    current = addCalendarDays(current, 1);
    if (isBusinessDay(current)) left--;
  }
  return current;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${dateOf(to)}T00:00:00Z`) - Date.parse(`${dateOf(from)}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
