import { randomBytes } from 'node:crypto';

/**
 * A readable business id that sorts by day: `SO-20261126-7F3A2C9B1E4D`. 48 random bits, so ids drawn on
 * one day practically never collide even at millions per day (a collision would tie a new shipment or
 * order to another one's stream).
 */
export function businessId(prefix: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `${prefix}-${day}-${randomBytes(6).toString('hex').toUpperCase()}`;
}
