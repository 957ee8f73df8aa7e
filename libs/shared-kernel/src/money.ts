import { DomainError } from '@kamflow/eventsourcing';

/** Money in integer minor units (fen for CNY). Never a float. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export const CNY = 'CNY';

export function money(amount: number, currency = CNY): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError('MONEY.NOT_MINOR_UNITS', `Amount ${amount} is not an integer of minor units`, 'invalid');
  }
  return { amount, currency };
}

export function zero(currency = CNY): Money {
  return { amount: 0, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError('MONEY.CURRENCY_MISMATCH', `Cannot combine ${a.currency} and ${b.currency}`, 'rule');
  }
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

export function multiply(a: Money, factor: number): Money {
  if (!Number.isInteger(factor)) throw new Error('multiply takes an integer factor; use applyBasisPoints');
  return { amount: a.amount * factor, currency: a.currency };
}

/** Scales by basis points (1/100 of a percent), rounding half away from zero to a whole minor unit. */
export function applyBasisPoints(a: Money, basisPoints: number): Money {
  const raw = (a.amount * basisPoints) / 10_000;
  return { amount: Math.sign(raw) * Math.round(Math.abs(raw)), currency: a.currency };
}

export function sum(items: readonly Money[], currency = CNY): Money {
  return items.reduce((acc, m) => add(acc, m), zero(currency));
}
