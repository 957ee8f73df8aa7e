/** The shapes the API answers with. */
import { type Money, type Page } from './api';

export interface LoginAnswer {
  accessToken: string;
  roles: string[];
  username: string;
  displayName?: string;
  providerId?: string;
}

export type OrderStatus =
  'UNDER_REVIEW' | 'CREDIT_HOLD' | 'REJECTED' | 'RELEASED' | 'IN_FULFILMENT' | 'COMPLETED' | 'CANCELLED';

export const ORDER_STATUSES: OrderStatus[] = [
  'UNDER_REVIEW',
  'CREDIT_HOLD',
  'REJECTED',
  'RELEASED',
  'IN_FULFILMENT',
  'COMPLETED',
  'CANCELLED',
];

export const FINAL_STATUSES: OrderStatus[] = ['COMPLETED', 'CANCELLED', 'REJECTED'];

export interface OrderSummary {
  id: string;
  status: OrderStatus;
  account: { accountId: string; name: string; accountManager?: string };
  channel: string;
  customerPo: string;
  placedAt: string;
  total: Money | null;
  lines: number;
  revision: number;
}

export interface DeliveryAddress {
  region: string;
  city: string;
  address: string;
  contact: string;
  phone: string;
}

export interface Violation {
  code: string;
  message: string;
  rule?: string;
  ruleId?: string;
  optionIds?: string[];
}

export type LineConfiguration =
  | { status: 'PENDING' }
  | {
      status: 'VALID';
      catalogVersion: string;
      unitPrice: Money;
      listUnitPrice?: Money;
      lineTotal: Money;
      leadTimeDays: number;
    }
  | { status: 'INVALID'; catalogVersion: string; violations: Violation[] };

export interface OrderLine {
  lineId: string;
  modelId: string;
  optionIds: string[];
  quantity: number;
  requestedDate: string;
  deliveryAddress: DeliveryAddress;
  configuration: LineConfiguration;
  promisedDate?: string;
}

export interface CreditSnapshot {
  grade?: string;
  limit?: Money;
  exposure?: Money;
  reserved?: Money;
  receivable?: Money;
  orderAmount?: Money;
  exposureAfter?: Money;
  utilisationBp?: number;
  policyVersion?: string;
  paymentTermsDays?: number;
  oldestOverdueDays?: number;
  asOf?: string;
}

export interface CreditReview {
  status: 'PENDING' | 'APPROVED' | 'HELD' | 'AWAITING_SECOND_SIGNATURE' | 'RELEASED' | 'REJECTED';
  amount?: Money;
  snapshot?: CreditSnapshot;
  reason?: string;
  decidedBy?: string;
  decidedAt?: string;
}

export interface ContractReview {
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  reviewer?: string;
  reviewedAt?: string;
  reason?: string;
}

export interface OrderShipment {
  id: string;
  status: string;
  providerId: string;
  plannedDate: string;
  deliveryAddress: DeliveryAddress;
  lines: { lineId: string; quantity: number }[];
  replacesShipmentId?: string;
  deliveredAt?: string;
  lastFailure?: { reason?: string; at?: string } & Record<string, unknown>;
  pickUpNotes?: string[];
  acceptanceDueAt?: string;
  acceptanceOverdue?: boolean;
}

export interface AcceptanceReceipt {
  shipmentId: string;
  receiptId: string;
  signedAt: string;
  acceptedUnits: number;
  rejectedUnits: number;
  signatory?: string;
  satisfaction?: number;
  lines?: { lineId: string; accepted: number; rejected: number }[];
}

export interface OrderInvoice {
  id: string;
  shipmentId?: string;
  amount: Money;
  paid?: Money;
  outstanding?: Money;
  dueDate: string;
  status: string;
  dunningLevel?: number;
  payments?: { paymentId: string; amount: Money; reference?: string; receivedAt?: string }[];
}

export interface OrderDetail {
  id: string;
  revision: number;
  status: OrderStatus;
  account: {
    accountId: string;
    name: string;
    tier: string;
    region: string;
    serviceModel: string;
    accountManager: string;
  };
  channel: string;
  signedBy: { kind: string; name: string };
  customerPo: string;
  placedBy: string;
  placedAt: string;
  total: Money | null;
  lines: OrderLine[];
  contractReview: ContractReview;
  creditReview: CreditReview;
  release?: { releasedAt: string; total: Money };
  shipments: OrderShipment[];
  acceptanceReceipts: AcceptanceReceipt[];
  invoices: OrderInvoice[];
  rejection?: { stage: string; reason: string };
  cancellation?: { reason: string; cancelledBy: string; cancelledAt: string };
  completedAt?: string;
}

export interface HistoryItem {
  position: number;
  streamId: string;
  revision: number;
  type: string;
  occurredAt: string;
  actor: string | null;
  data: Record<string, unknown>;
}

export interface CatalogOption {
  id: string;
  name: string;
  nameZh?: string;
  classId: string;
  price: Money;
  leadTimeDays: number;
  ctoSellable?: boolean;
}

export interface CatalogModel {
  id: string;
  name: string;
  nameZh?: string;
  family: string;
  basePrice: Money;
  assemblyDays: number;
  classes: { classId: string; min: number; max: number; optionIds: string[] }[];
}

export interface Catalog {
  version: string | number;
  models: CatalogModel[];
  optionClasses: { id: string; name: string; nameZh?: string }[];
  options: CatalogOption[];
}

export interface Validation {
  valid: boolean;
  violations: Violation[];
  unitPrice: Money | null;
  listUnitPrice: Money | null;
  discountBp?: number;
  leadTimeDays: number | null;
  catalogVersion: string | number;
  tier?: string;
  quantity?: number;
  total?: Money | null;
}

export interface Account {
  accountId: string;
  name: string;
  tier: string;
  region: string;
  industry?: string;
  serviceModel: string;
  accountManager: string;
}

export interface WorkQueueCount {
  queue: string;
  count: number;
  oldestSince: string | null;
  oldestAgeSeconds: number | null;
}

export interface WorkQueueItem {
  queue: string;
  orderId: string;
  shipmentId?: string;
  accountId: string | null;
  since: string;
  ageSeconds: number;
  details: Record<string, unknown>;
}

export interface ProviderShipment {
  id: string;
  orderId: string;
  status: string;
  plannedDate: string;
  deliveryAddress: DeliveryAddress;
  lines: { lineId: string; modelId?: string; quantity: number }[];
  deliveredAt?: string;
  nextStep: string;
  revision?: number;
}

export interface Invoice {
  id?: string;
  invoiceId?: string;
  orderId?: string;
  amount: Money;
  outstanding: Money;
  dueDate: string;
  status: string;
  revision?: number;
}

export interface StageAge {
  status: string;
  count: number;
  oldestSince: string;
  oldestAgeSeconds: number;
  averageAgeSeconds: number;
}

export interface MonthRevenue {
  /** `YYYY-MM` */
  month: string;
  invoiced: Money;
  collected: Money;
}

/** A registered provider (`GET /providers`). */
export interface ProviderItem {
  providerId: string;
  name: string;
  kind: 'LOGISTICS' | 'COMMERCE';
  /** Regions (cities) it serves. */
  regions: string[];
}

export interface AccountDashboard {
  accountId: string;
  name: string;
  industry: string | null;
  tier: string | null;
  region: string | null;
  accountManager: string;
  serviceModel: string | null;
  credit: {
    grade: string | null;
    limit: Money;
    paymentTermsDays: number | null;
    reserved: Money;
    receivable: Money;
    exposure: Money;
    utilisationBp: number | null;
    utilisation: number | null;
  };
  ordersByStage: StageAge[];
  openOrders: {
    orderId: string;
    status: string;
    statusSince: string;
    customerPo: string;
    placedAt: string;
    slipping: boolean;
    lines: { lineId: string; requestedDate: string; promisedDate: string | null; slipping: boolean }[];
  }[];
  lifetimeValue: Money;
  invoiced: Money;
  outstanding: Money;
  /** The last 12 months (UTC), oldest first: invoiced by issue date, collected by date received. */
  revenueByMonth: MonthRevenue[];
  recentActivity: {
    type: string;
    at: string;
    actor: string | null;
    orderId: string | null;
    position: number;
  }[];
}

export interface RankedAccount {
  rank: number;
  accountId: string;
  name: string;
  tier: string | null;
  accountManager: string;
  revenue: Money;
  invoices: number;
  share: number;
  cumulativeShare: number;
  aClass: boolean;
}

export type RankingPage = Page<RankedAccount> & { revenue: Money; basis: string; from?: string; to?: string };

export interface Receivable {
  invoiceId: string;
  orderId: string;
  accountId: string;
  accountName: string | null;
  status: string;
  amount: Money;
  outstanding: Money;
  issuedAt: string;
  dueDate: string;
  daysOverdue: number;
  bucket: string;
  dunningLevel: number;
}

export type ReceivablesPage = Page<Receivable> & {
  asOf: string;
  totals: { bucket: string; count: number; outstanding: Money }[];
  outstanding: Money;
};

export interface Collection {
  paymentId: string;
  receivedAt: string;
  invoiceId: string;
  orderId: string;
  accountId: string;
  accountName: string | null;
  amount: Money;
  reference: string;
}

export interface CreditExposure {
  accountId: string;
  accountName: string | null;
  accountManager: string | null;
  grade: string | null;
  limit: Money;
  reserved: Money;
  receivable: Money;
  exposure: Money;
  utilisation: number | null;
  utilisationBp: number | null;
}

export interface ProviderStatement {
  providerId: string;
  providerName: string | null;
  month: string;
  jobs: number;
  units: number;
  averageSatisfaction: number;
  fee: Money;
}
