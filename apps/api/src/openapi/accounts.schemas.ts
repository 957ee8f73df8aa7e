import { ACCOUNT_TIERS } from '@kamflow/shared-kernel';
import {
  anyObject,
  arr,
  bool,
  date,
  dateTime,
  int,
  nullable,
  num,
  obj,
  oneOf,
  page,
  ref,
  refWith,
  type Schema,
  str,
} from './schema-builders';

const money = ref('Money');

const profile = {
  accountId: str(),
  name: str(),
  industry: str(),
  tier: oneOf(ACCOUNT_TIERS),
  region: str(),
  accountManager: str('Username of the account manager (客户经理)'),
  agents: arr(str()),
  serviceModel: oneOf(['DIRECT', 'COMMERCE_PROVIDER']),
};

/** `GET /accounts`, `/accounts/{id}`, `/accounts/{id}/dashboard`, `/accounts/ranking`, `/credit-changes/{id}`. */
export const ACCOUNT_SCHEMAS: Record<string, Schema> = {
  AccountListItem: obj(
    { ...profile, registeredAt: dateTime(), updatedAt: dateTime() },
    { commerceProviderId: str() },
  ),
  AccountPage: page('AccountListItem'),
  CreditView: obj(
    {
      status: oneOf(['OPEN', 'OPENING'], '`OPENING`: registered, the credit account is not open yet'),
      grade: str(),
      limit: money,
      paymentTermsDays: int(),
      reserved: money,
      receivable: money,
      exposure: refWith('Money', 'reserved + receivable (信用占用)'),
      headroom: refWith('Money', 'limit − exposure; negative above the limit'),
      utilisationBp: nullable(int('exposure / limit in basis points; null for a zero limit')),
      utilisation: nullable(num('exposure / limit as a ratio; null for a zero limit')),
      oldestOverdueDays: int(),
      openReceivables: int(),
      policyVersion: str(),
      heldReviews: arr(
        obj(
          { orderId: str(), status: str(), amount: money, reasons: arr(str()) },
          { heldAt: dateTime(), firstSignature: anyObject() },
        ),
      ),
    },
    {},
    'The credit side of an account',
  ),
  AccountView: obj(
    {
      id: str(),
      revision: int('The account stream revision (also the ETag)'),
      ...profile,
      credit: nullable(ref('CreditView')),
      creditRevision: int('Revision of the credit account stream'),
    },
    { commerceProviderId: str(), registeredAt: dateTime() },
  ),
  StageAge: obj({
    status: str(),
    count: int(),
    oldestSince: dateTime(),
    oldestAgeSeconds: int(),
    averageAgeSeconds: int(),
  }),
  MonthRevenue: obj({
    month: str('YYYY-MM', { pattern: '^\\d{4}-\\d{2}$' }),
    invoiced: money,
    collected: money,
  }),
  AccountDashboard: obj(
    {
      accountId: str(),
      name: str(),
      industry: nullable(str()),
      tier: nullable(str()),
      region: nullable(str()),
      accountManager: str(),
      serviceModel: nullable(str()),
      credit: obj({
        grade: nullable(str()),
        limit: money,
        paymentTermsDays: nullable(int()),
        reserved: money,
        receivable: money,
        exposure: money,
        utilisationBp: nullable(int()),
        utilisation: nullable(num()),
      }),
      ordersByStage: arr(ref('StageAge')),
      openOrders: arr(
        obj({
          orderId: str(),
          status: str(),
          statusSince: dateTime(),
          customerPo: str(),
          placedAt: dateTime(),
          slipping: bool('A promised date lies after the requested date'),
          lines: arr(
            obj({ lineId: str(), requestedDate: date(), promisedDate: nullable(date()), slipping: bool() }),
          ),
        }),
      ),
      lifetimeValue: money,
      invoiced: money,
      outstanding: money,
      revenueByMonth: arr(ref('MonthRevenue'), 'The last 12 months (UTC), oldest first'),
      recentActivity: arr(
        obj({
          type: str(),
          at: dateTime(),
          actor: nullable(str()),
          orderId: nullable(str()),
          position: int(),
        }),
      ),
    },
    { asOf: dateTime() },
  ),
  RankedAccount: obj({
    rank: int(undefined, { minimum: 1 }),
    accountId: str(),
    name: str(),
    tier: nullable(str()),
    accountManager: str(),
    revenue: refWith('Money', 'Invoiced in the period'),
    invoices: int(),
    share: num('revenue / total revenue of the accounts listed (0..1)'),
    cumulativeShare: num('Share of this account and every account above it'),
    aClass: bool('Among the accounts that make up the first 80 % of revenue'),
  }),
  RankingPage: page(
    'RankedAccount',
    { revenue: money, basis: oneOf(['INVOICED']) },
    { from: date(), to: date() },
  ),
  CreditChange: obj(
    {
      id: str(),
      revision: int(),
      accountId: str(),
      status: oneOf(['PROPOSED', 'APPROVED', 'REJECTED']),
      terms: obj({}, { grade: str(), limit: money, paymentTermsDays: int() }),
      reason: str(),
      proposedBy: str(),
      applied: bool('The approved terms took effect on the credit account'),
    },
    { proposedAt: dateTime(), decidedBy: str(), decisionReason: str(), decidedAt: dateTime() },
  ),
};
