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

export const ORDER_STATUSES = [
  'UNDER_REVIEW',
  'CREDIT_HOLD',
  'REJECTED',
  'RELEASED',
  'IN_FULFILMENT',
  'COMPLETED',
  'CANCELLED',
] as const;

export const SHIPMENT_STATUSES = [
  'PLANNED',
  'READY_TO_SHIP',
  'PICKED_UP',
  'DISPATCHED',
  'IN_TRANSIT',
  'DELIVERED',
  'FAILED',
  'CANCELLED',
] as const;

const money = ref('Money');
const shipmentLine = obj({ lineId: str(), quantity: int(undefined, { minimum: 1 }) });

/** `GET /orders`, `GET /orders/{id}`, `GET /orders/{id}/history`. */
export const ORDER_SCHEMAS: Record<string, Schema> = {
  OrderStatus: oneOf(ORDER_STATUSES),
  OrderSummary: obj({
    id: str(),
    status: ref('OrderStatus'),
    account: obj({ accountId: str(), name: str(), accountManager: str() }),
    channel: str(),
    customerPo: str(),
    placedAt: dateTime(),
    total: nullable(money),
    lines: int('Number of lines'),
    revision: int(),
  }),
  OrderPage: page('OrderSummary'),
  LineConfiguration: {
    description: '特配: the configuration verdict of a line for its current round',
    oneOf: [
      obj({ status: oneOf(['PENDING']) }),
      obj(
        {
          status: oneOf(['VALID']),
          catalogVersion: str(),
          unitPrice: money,
          lineTotal: money,
          leadTimeDays: int(),
        },
        { listUnitPrice: money },
      ),
      obj({ status: oneOf(['INVALID']), catalogVersion: str(), violations: arr(ref('Violation')) }),
    ],
  },
  OrderLine: obj(
    {
      lineId: str(),
      modelId: str(),
      optionIds: arr(str()),
      quantity: int(),
      requestedDate: date(),
      deliveryAddress: ref('DeliveryAddress'),
      configuration: ref('LineConfiguration'),
    },
    { promisedDate: date('Set on release') },
  ),
  ContractReview: obj(
    { status: oneOf(['PENDING', 'APPROVED', 'REJECTED']) },
    { reviewer: str(), reviewedAt: dateTime(), reason: str() },
    '合同审核',
  ),
  CreditReview: obj(
    { status: oneOf(['PENDING', 'APPROVED', 'HELD', 'AWAITING_SECOND_SIGNATURE', 'RELEASED', 'REJECTED']) },
    {
      amount: money,
      snapshot: ref('CreditSnapshot'),
      reason: str(),
      decidedBy: str(),
      decidedAt: dateTime(),
    },
    '信用审核',
  ),
  CreditSnapshot: {
    ...obj(
      {},
      {
        grade: str(),
        limit: money,
        exposure: money,
        reserved: money,
        receivable: money,
        orderAmount: money,
        exposureAfter: money,
        utilisationBp: int(),
        policyVersion: str(),
        paymentTermsDays: int(),
        oldestOverdueDays: int(),
        asOf: dateTime(),
      },
      'The credit numbers a decision was made on',
    ),
    additionalProperties: true,
  },
  OrderShipment: obj(
    {
      id: str(),
      status: oneOf(SHIPMENT_STATUSES),
      providerId: str(),
      plannedDate: date(),
      deliveryAddress: ref('DeliveryAddress'),
      lines: arr(shipmentLine),
    },
    {
      replacesShipmentId: str(),
      deliveredAt: dateTime(),
      lastFailure: obj({ from: str(), reason: str(), at: dateTime() }),
      pickUpNotes: arr(str()),
      acceptanceDueAt: dateTime(),
      acceptanceOverdue: bool(),
    },
  ),
  OrderAcceptanceReceipt: obj(
    { shipmentId: str(), receiptId: str(), signedAt: dateTime(), acceptedUnits: int(), rejectedUnits: int() },
    { lines: arr(obj({ lineId: str(), accepted: int(), rejected: int() })) },
  ),
  InvoicePayment: obj(
    { paymentId: str(), amount: money },
    { reference: str(), receivedAt: dateTime(), recordedAt: dateTime() },
  ),
  OrderInvoice: obj(
    { id: str(), amount: money, dueDate: date(), status: oneOf(['ISSUING', 'OPEN', 'PAID', 'OVERDUE']) },
    {
      shipmentId: str(),
      receiptId: str(),
      paid: money,
      outstanding: money,
      dunningLevel: int(),
      channel: str(),
      commerceProviderId: str(),
      payments: arr(ref('InvoicePayment')),
    },
  ),
  OrderDetail: obj(
    {
      id: str(),
      revision: int('The order stream revision (also the ETag)'),
      status: ref('OrderStatus'),
      account: obj(
        {
          accountId: str(),
          name: str(),
          tier: str(),
          region: str(),
          serviceModel: str(),
          accountManager: str(),
        },
        { commerceProviderId: str() },
      ),
      channel: str(),
      signedBy: obj({ kind: oneOf(['ORDER_DESK', 'AGENT']), name: str() }),
      customerPo: str(),
      placedBy: str(),
      placedAt: dateTime(),
      total: nullable(money),
      lines: arr(ref('OrderLine')),
      contractReview: ref('ContractReview'),
      creditReview: ref('CreditReview'),
      shipments: arr(ref('OrderShipment')),
      acceptanceReceipts: arr(ref('OrderAcceptanceReceipt')),
      invoices: arr(ref('OrderInvoice')),
    },
    {
      release: obj({ releasedAt: dateTime(), total: money }, { supplyCommitment: arr(anyObject()) }),
      rejection: obj({ stage: oneOf(['CONTRACT', 'CREDIT']), reason: str() }),
      cancellation: obj({ reason: str(), cancelledBy: str(), cancelledAt: dateTime() }),
      completedAt: dateTime(),
    },
  ),
  OrderHistory: obj(
    { orderId: str(), items: arr(ref('EventRecord')) },
    {},
    'Every event of the order, in log order',
  ),
};
