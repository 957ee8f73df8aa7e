import { type ProviderRegistered } from '@kamflow/accounts';
import { type ProviderFeeAccrued } from '@kamflow/billing';
import { type RecordedEvent, streamCategory } from '@kamflow/eventsourcing';
import { knownEvent } from '../event-types';
import {
  put,
  type Projection,
  type Row,
  rowOf,
  type RowChange,
  type RowRef,
  type Rows,
  streamIdOf,
} from '../projection';
import {
  FIN_INVOICES_TABLE,
  FIN_PAYMENTS_TABLE,
  FIN_PROVIDER_MONTHS_TABLE,
  FIN_PROVIDERS_TABLE,
} from './finance-tables';

/** A row of `rm_fin_invoices` (money in minor units). */
export interface FinInvoiceRow extends Row {
  order_id: string;
  account_id: string;
  status: 'OPEN' | 'PAID';
  amount: number;
  outstanding: number;
  currency: string;
  issued_at: string;
  /** `YYYY-MM-DD`. */
  due_date: string;
  paid_at: string | null;
  channel: string;
  commerce_provider_id: string | null;
  dunning_level: number;
  updated_at: string;
}

/** A row of `rm_fin_provider_months`: id `<providerId>|<YYYY-MM>`. */
export interface FinProviderMonthRow extends Row {
  provider_id: string;
  month: string;
  jobs: number;
  units: number;
  delivered_units: number;
  satisfaction_sum: number;
  base_fee: number;
  fee: number;
  currency: string;
  updated_at: string;
}

export const providerMonthId = (providerId: string, month: string) => `${providerId}|${month}`;

type Classified =
  | { kind: 'invoice'; event: Extract<ReturnType<typeof knownEvent>, { category: 'invoice' }>['event'] }
  | { kind: 'fee'; event: ProviderFeeAccrued }
  | { kind: 'provider'; event: ProviderRegistered };

function classify(event: RecordedEvent): Classified | undefined {
  const category = streamCategory(event.streamId);
  if (category === 'providerLedger')
    return event.type === 'ProviderFeeAccrued'
      ? { kind: 'fee', event: event as unknown as ProviderFeeAccrued }
      : undefined;
  if (category === 'provider')
    return event.type === 'ProviderRegistered'
      ? { kind: 'provider', event: event as unknown as ProviderRegistered }
      : undefined;
  const known = knownEvent(event, ['invoice']);
  return known?.category === 'invoice' ? { kind: 'invoice', event: known.event } : undefined;
}

function keysOf(event: RecordedEvent): RowRef[] {
  const c = classify(event);
  if (!c) return [];
  switch (c.kind) {
    case 'invoice':
      return c.event.type === 'InvoiceIssued'
        ? []
        : [{ table: FIN_INVOICES_TABLE.name, id: streamIdOf(event) }];
    case 'fee':
      return [
        {
          table: FIN_PROVIDER_MONTHS_TABLE.name,
          id: providerMonthId(c.event.data.providerId, c.event.data.month),
        },
      ];
    case 'provider':
      return [];
  }
}

function evolveInvoice(
  rows: Rows,
  recorded: RecordedEvent,
  c: Extract<Classified, { kind: 'invoice' }>,
): RowChange[] {
  const e = c.event;
  const at = recorded.occurredAt;
  if (e.type === 'InvoiceIssued') {
    const d = e.data;
    const row: FinInvoiceRow = {
      id: d.invoiceId,
      order_id: d.orderId,
      account_id: d.accountId,
      status: 'OPEN',
      amount: d.amount.amount,
      outstanding: d.amount.amount,
      currency: d.amount.currency,
      issued_at: d.issuedAt,
      due_date: d.dueDate,
      paid_at: null,
      channel: d.channel,
      commerce_provider_id: d.commerceProviderId ?? null,
      dunning_level: 0,
      updated_at: at,
    };
    return [put(FIN_INVOICES_TABLE.name, row)];
  }
  const row = rowOf<FinInvoiceRow>(rows, FIN_INVOICES_TABLE.name, e.data.invoiceId);
  if (!row) return [];
  switch (e.type) {
    case 'PaymentRecorded': {
      const d = e.data;
      const payment = {
        id: d.paymentId,
        invoice_id: d.invoiceId,
        order_id: d.orderId,
        account_id: d.accountId,
        amount: d.amount.amount,
        currency: d.amount.currency,
        received_at: d.receivedAt,
        reference: d.reference,
      };
      return [
        put(FIN_INVOICES_TABLE.name, { ...row, outstanding: d.outstanding.amount, updated_at: at }),
        put(FIN_PAYMENTS_TABLE.name, payment),
      ];
    }
    case 'InvoicePaid':
      return [
        put(FIN_INVOICES_TABLE.name, {
          ...row,
          status: 'PAID',
          outstanding: 0,
          paid_at: e.data.paidAt,
          updated_at: at,
        }),
      ];
    case 'InvoiceOverdue':
      return [put(FIN_INVOICES_TABLE.name, { ...row, dunning_level: e.data.dunningLevel, updated_at: at })];
  }
}

function evolve(rows: Rows, recorded: RecordedEvent): RowChange[] {
  const c = classify(recorded);
  if (!c) return [];
  switch (c.kind) {
    case 'invoice':
      return evolveInvoice(rows, recorded, c);
    case 'fee': {
      const d = c.event.data;
      const id = providerMonthId(d.providerId, d.month);
      const before = rowOf<FinProviderMonthRow>(rows, FIN_PROVIDER_MONTHS_TABLE.name, id);
      const row: FinProviderMonthRow = {
        id,
        provider_id: d.providerId,
        month: d.month,
        jobs: (before?.jobs ?? 0) + 1,
        units: (before?.units ?? 0) + d.units,
        delivered_units: (before?.delivered_units ?? 0) + d.deliveredUnits,
        satisfaction_sum: (before?.satisfaction_sum ?? 0) + d.satisfaction,
        base_fee: (before?.base_fee ?? 0) + d.baseFee.amount,
        fee: (before?.fee ?? 0) + d.fee.amount,
        currency: d.fee.currency,
        updated_at: recorded.occurredAt,
      };
      return [put(FIN_PROVIDER_MONTHS_TABLE.name, row)];
    }
    case 'provider': {
      const { providerId, name, kind } = c.event.data;
      return [put(FIN_PROVIDERS_TABLE.name, { id: providerId, name, kind, updated_at: recorded.occurredAt })];
    }
  }
}

/**
 * `finance`: invoices with what is outstanding (aged at query time from the due date), payments
 * received, and per provider per month the sums of its fee accruals (jobs, units, satisfaction, fees).
 */
export const financeProjection: Projection = {
  name: 'finance',
  version: 1,
  tables: [FIN_INVOICES_TABLE, FIN_PAYMENTS_TABLE, FIN_PROVIDER_MONTHS_TABLE, FIN_PROVIDERS_TABLE],
  categories: ['invoice', 'providerLedger', 'provider'],
  handles: (event) => classify(event) !== undefined,
  keysOf,
  evolve,
};
