import { randomBytes } from 'node:crypto';

/** A readable, sortable business id: `SO-20261126-7F3A2C`. */
export function businessId(prefix: string, now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `${prefix}-${day}-${randomBytes(3).toString('hex').toUpperCase()}`;
}
