import { type Actor } from '@kamflow/eventsourcing';
import { forbidden, invalidShipment } from './shipment.errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function requireRole(actor: Actor, action: string, roles: readonly string[]): void {
  if (!roles.some((role) => actor.roles.includes(role))) throw forbidden(action, roles);
}

export function requireText(value: string | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (text === '') throw invalidShipment(`${field} is required`, field);
  return text;
}

export function requireDate(value: string, field: string): void {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw invalidShipment(`${field} must be a date (YYYY-MM-DD)`, field);
  }
}

export function requireTimestamp(value: string, field: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw invalidShipment(`${field} must be an ISO 8601 timestamp`, field);
  }
}
