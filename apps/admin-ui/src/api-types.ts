/**
 * The shapes the API answers with, by the names the pages use. They are aliases onto
 * `api/schema.d.ts`, which `npm run openapi` generates from the server's OpenAPI document
 * (docs/openapi.json): change the server's schema, regenerate, and the UI type-checks against it.
 */
import { type components } from './api/schema';

type Schemas = components['schemas'];

export type LoginAnswer = Schemas['LoginAnswer'];
export type OrderStatus = Schemas['OrderStatus'];

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

export type OrderSummary = Schemas['OrderSummary'];
export type DeliveryAddress = Schemas['DeliveryAddress'];
export type Violation = Schemas['Violation'];
export type LineConfiguration = Schemas['LineConfiguration'];
export type OrderLine = Schemas['OrderLine'];
export type CreditSnapshot = Schemas['CreditSnapshot'];
export type CreditReview = Schemas['CreditReview'];
export type ContractReview = Schemas['ContractReview'];
export type OrderShipment = Schemas['OrderShipment'];
export type AcceptanceReceipt = Schemas['OrderAcceptanceReceipt'];
export type OrderInvoice = Schemas['OrderInvoice'];
export type OrderDetail = Schemas['OrderDetail'];
export type HistoryItem = Schemas['EventRecord'];
export type CatalogOption = Schemas['CatalogOption'];
export type CatalogModel = Schemas['CatalogModel'];
export type Catalog = Schemas['Catalog'];
export type Validation = Schemas['ConfigurationValidation'];
export type Account = Schemas['AccountListItem'];
export type WorkQueueCount = Schemas['WorkQueueCount'];
export type WorkQueueItem = Schemas['WorkQueueItem'];
export type ProviderShipment = Schemas['ProviderShipment'];
export type Invoice = Schemas['Invoice'];
export type StageAge = Schemas['StageAge'];
export type MonthRevenue = Schemas['MonthRevenue'];
/** A registered provider (`GET /providers`). */
export type ProviderItem = Schemas['Provider'];
export type AccountDashboard = Schemas['AccountDashboard'];
export type RankedAccount = Schemas['RankedAccount'];
export type RankingPage = Schemas['RankingPage'];
export type Receivable = Schemas['Receivable'];
export type ReceivablesPage = Schemas['ReceivablesPage'];
export type Collection = Schemas['Collection'];
export type CreditExposure = Schemas['CreditExposure'];
export type ProviderStatement = Schemas['ProviderStatement'];
