import {
  date,
  dateTime,
  int,
  nullable,
  num,
  obj,
  oneOf,
  page,
  ref,
  type Schema,
  str,
} from './schema-builders';

const money = ref('Money');
const BUCKETS = ['current', '0-30', '31-60', '61-90', '90+'] as const;

/** The finance lists (帐务管理); each also answers `text/csv`. */
export const FINANCE_SCHEMAS: Record<string, Schema> = {
  Receivable: obj({
    invoiceId: str(),
    orderId: str(),
    accountId: str(),
    accountName: nullable(str()),
    status: oneOf(['OPEN', 'PAID']),
    amount: money,
    outstanding: money,
    issuedAt: dateTime(),
    dueDate: date(),
    daysOverdue: int('Days past the due date at `asOf` (0 when not yet due)'),
    bucket: oneOf(BUCKETS, 'Aging bucket'),
    dunningLevel: int(),
  }),
  ReceivablesPage: page('Receivable', {
    asOf: dateTime(),
    totals: {
      type: 'array',
      items: obj({ bucket: oneOf(BUCKETS), count: int(), outstanding: money }),
    },
    outstanding: money,
  }),
  Collection: obj({
    paymentId: str(),
    receivedAt: dateTime(),
    invoiceId: str(),
    orderId: str(),
    accountId: str(),
    accountName: nullable(str()),
    amount: money,
    reference: str(),
  }),
  CollectionPage: page('Collection'),
  CreditExposure: obj({
    accountId: str(),
    accountName: nullable(str()),
    accountManager: nullable(str()),
    grade: nullable(str()),
    limit: money,
    reserved: money,
    receivable: money,
    exposure: money,
    utilisation: nullable(num('exposure / limit as a ratio; null for a zero limit')),
    utilisationBp: nullable(int()),
  }),
  CreditExposurePage: page('CreditExposure'),
  ProviderStatement: obj({
    providerId: str(),
    providerName: nullable(str()),
    month: str('YYYY-MM', { pattern: '^\\d{4}-\\d{2}$' }),
    jobs: int(),
    units: int(),
    averageSatisfaction: num(),
    fee: money,
  }),
  ProviderStatementPage: page('ProviderStatement'),
};
