import { addBusinessDays, dateOf } from '@kamflow/shared-kernel';

/**
 * The date promised to the customer for a line (供货承诺): the release date plus the lead time in
 * business days (weekends skipped), or the requested date when that is later. A promise never falls on
 * a weekend: a weekend requested date rolls forward to the Monday.
 *
 * @param releaseDate `YYYY-MM-DD` or an ISO timestamp (its UTC date is used)
 * @param leadTimeDays business days, see {@link leadTime}
 * @param requestedDate the customer's requested date, `YYYY-MM-DD`; absent = as soon as possible
 */
export function promisedDate(releaseDate: string, leadTimeDays: number, requestedDate?: string): string {
  const earliest = addBusinessDays(dateOf(releaseDate), leadTimeDays);
  if (!requestedDate) return earliest;
  const requested = addBusinessDays(dateOf(requestedDate), 0);
  return requested > earliest ? requested : earliest;
}
