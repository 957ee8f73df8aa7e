import {
  anyObject,
  arr,
  bool,
  date,
  dateTime,
  int,
  nullable,
  obj,
  oneOf,
  page,
  ref,
  type Schema,
  str,
} from './schema-builders';
import { SHIPMENT_STATUSES } from './orders.schemas';

const money = ref('Money');

const NEXT_STEPS = [
  'CONFIRM_READY',
  'ISSUE_PICK_UP_NOTE',
  'DISPATCH',
  'REPORT_IN_TRANSIT',
  'DELIVER',
  'INSPECT_AND_SIGN',
  'AWAIT_RESCHEDULE',
  'NONE',
] as const;

const shipmentLines = arr(obj({ lineId: str(), quantity: int() }, { modelId: str() }));
const nextStep = oneOf(NEXT_STEPS, "The provider's next step");

/** Catalog and configurator, shipments and receipts, invoices, providers and work queues. */
export const FULFILMENT_SCHEMAS: Record<string, Schema> = {
  CatalogModel: obj({
    id: str(),
    family: str(),
    name: str(),
    nameZh: str(),
    basePrice: money,
    assemblyDays: int('Business days to assemble a configured unit'),
    classes: arr(
      obj({ classId: str(), min: int(), max: int(), optionIds: arr(str(), 'The options offered') }),
    ),
  }),
  CatalogOption: obj(
    {
      id: str(),
      classId: str(),
      name: str(),
      nameZh: str(),
      price: money,
      leadTimeDays: int(),
      ctoSellable: bool(),
    },
    { channels: arr(str()), regions: arr(str()) },
  ),
  Catalog: obj({
    catalogId: str(),
    version: int(),
    publishedAt: dateTime(),
    models: arr(ref('CatalogModel')),
    optionClasses: arr(obj({ id: str(), name: str(), nameZh: str() })),
    options: arr(ref('CatalogOption')),
    rules: arr(
      obj(
        { kind: oneOf(['requires', 'excludes']), optionId: str() },
        { id: str(), description: str(), requiresAnyOf: arr(str()), excludes: arr(str()) },
      ),
    ),
    tierDiscountsBp: {
      type: 'object',
      additionalProperties: int(),
      description: 'Per account tier, in basis points',
    },
  }),
  ConfigurationValidation: obj(
    {
      valid: bool(),
      violations: arr(ref('Violation')),
      unitPrice: nullable(money),
      listUnitPrice: nullable(money),
      leadTimeDays: nullable(int()),
      catalogVersion: int(),
      tier: str('The tier the price is for'),
    },
    { discountBp: int(), quantity: int(), total: nullable(money) },
  ),
  InspectedUnit: obj(
    { serial: str(), lineId: str(), result: oneOf(['ACCEPTED', 'REJECTED']) },
    { defect: str() },
  ),
  AcceptanceReceipt: obj({
    receiptId: str(),
    shipmentId: str(),
    orderId: str(),
    providerId: str(),
    signatory: str(),
    signedAt: dateTime(),
    satisfaction: int(),
    acceptedUnits: int(),
    rejectedUnits: int(),
    lines: arr(obj({ lineId: str(), modelId: str(), delivered: int(), accepted: int(), rejected: int() })),
    units: arr(ref('InspectedUnit')),
  }),
  Shipment: obj(
    {
      id: str(),
      revision: int('The shipment stream revision (also the ETag)'),
      orderId: str(),
      accountId: str(),
      providerId: str(),
      status: oneOf(SHIPMENT_STATUSES),
      plannedDate: date(),
      deliveryAddress: ref('DeliveryAddress'),
      lines: shipmentLines,
      pickUpNotes: arr(str()),
      nextStep,
      inspection: nullable(
        obj({ status: oneOf(['OPEN', 'SIGNED']), deliveredAt: dateTime(), lines: arr(anyObject()) }),
      ),
      acceptanceReceipt: nullable(ref('AcceptanceReceipt')),
    },
    {
      replacesShipmentId: str(),
      lastFailure: obj({ from: str(), reason: str(), at: dateTime() }),
      deliveredAt: dateTime(),
    },
  ),
  ProviderShipment: obj(
    {
      id: str(),
      orderId: str(),
      status: oneOf(SHIPMENT_STATUSES),
      plannedDate: date(),
      deliveryAddress: ref('DeliveryAddress'),
      lines: shipmentLines,
      nextStep,
    },
    { deliveredAt: dateTime() },
  ),
  ProviderShipmentPage: page('ProviderShipment'),
  Invoice: obj(
    {
      id: str(),
      revision: int('The invoice stream revision (also the ETag)'),
      orderId: str(),
      accountId: str(),
      receiptId: str(),
      channel: str(),
      amount: money,
      paid: money,
      outstanding: money,
      dueDate: date(),
      status: oneOf(['OPEN', 'PAID', 'OVERDUE']),
      dunningLevel: int(),
      payments: arr(ref('InvoicePayment')),
    },
    {
      shipmentId: str(),
      issuedAt: dateTime(),
      paymentTermsDays: int(),
      lines: arr(anyObject()),
      commerceProviderId: str(),
      paidAt: dateTime(),
    },
  ),
  Provider: obj({
    providerId: str(),
    name: str(),
    kind: oneOf(['LOGISTICS', 'COMMERCE']),
    regions: arr(str(), 'The regions (cities) it serves'),
  }),
  ProviderList: obj({ items: arr(ref('Provider')), total: int() }),
  WorkQueueCount: obj({
    queue: str(),
    count: int(),
    oldestSince: nullable(dateTime()),
    oldestAgeSeconds: nullable(int()),
  }),
  WorkQueueCounts: obj({ queues: arr(ref('WorkQueueCount')) }),
  WorkQueueItem: obj(
    {
      queue: str(),
      orderId: str(),
      accountId: nullable(str()),
      since: dateTime(),
      ageSeconds: int(),
      details: anyObject(),
    },
    { shipmentId: str() },
  ),
  WorkQueuePage: page('WorkQueueItem'),
};
