/** The HTTP client for /api/v1: bearer token, problem+json errors, Idempotency-Key and If-Match on commands. */

export interface Money {
  amount: number;
  currency: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface CommandResult {
  id: string;
  revision: number;
}

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** A v4 uuid; `crypto.randomUUID` is missing outside secure contexts (plain http on a LAN address). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String(error) });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object'
        ? { ...(parsed as Problem), status: response.status }
        : { status: response.status, title: response.statusText, detail: typeof parsed === 'string' ? parsed : undefined };
    if (response.status === 401 && path !== '/auth/login') onUnauthorized();
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  /** A command: a fresh Idempotency-Key per call and, when known, If-Match with the aggregate's revision. */
  command: <T = CommandResult>(path: string, body: unknown, revision?: number) =>
    request<T>('POST', path, body, {
      'Idempotency-Key': uuid(),
      ...(revision !== undefined ? { 'If-Match': `"${revision}"` } : {}),
    }),
  login: (username: string, password: string) =>
    request<LoginAnswer>('POST', '/auth/login', { username, password }),
};

export interface LoginAnswer {
  accessToken: string;
  roles: string[];
  username: string;
  displayName?: string;
  providerId?: string;
}

export type OrderStatus =
  | 'UNDER_REVIEW'
  | 'CREDIT_HOLD'
  | 'REJECTED'
  | 'RELEASED'
  | 'IN_FULFILMENT'
  | 'COMPLETED'
  | 'CANCELLED';

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
  | { status: 'VALID'; catalogVersion: string; unitPrice: Money; listUnitPrice?: Money; lineTotal: Money; leadTimeDays: number }
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
  account: { accountId: string; name: string; tier: string; region: string; serviceModel: string; accountManager: string };
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

/** Downloads `path` as CSV (Accept: text/csv, with the bearer token) and saves it under the server's file name. */
export async function downloadCsv(path: string, fallbackName: string): Promise<string> {
  const response = await fetch(`/api/v1${path}`, {
    headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    throw new ApiError({ status: response.status, title: response.statusText });
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export interface StageAge {
  status: string;
  count: number;
  oldestSince: string;
  oldestAgeSeconds: number;
  averageAgeSeconds: number;
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
  recentActivity: { type: string; at: string; actor: string | null; orderId: string | null; position: number }[];
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

export type ReceivablesPage = Page<Receivable> & { asOf: string; totals: { bucket: string; count: number; outstanding: Money }[]; outstanding: Money };

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
