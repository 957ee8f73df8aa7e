import {
  ACCOUNT_TIERS,
  CHANNELS,
  ifPresent,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  requireArray,
  requireBoolean,
  requireInt,
  requireIsoDate,
  requireMoney,
  requireObject,
  requireOneOf,
  requireText,
  SERVICE_MODELS,
} from '@kamflow/shared-kernel';
import { type OrderCommand } from './order.commands';
import { OrderError, type OrderErrorCode } from './order.errors';
import { type CreditOutcome } from './order.values';

/*
 * The shape of every order command, checked before any rule, so that no edge can record an order
 * event a projection or another context (delivery needs the whole address) cannot read. A missing or
 * blank required field keeps the order's codes (`ORDER.MISSING_FIELD`, `ORDER.INVALID_QUANTITY`,
 * `ORDER.INVALID_DATE`, `ORDER.REASON_REQUIRED`, `ORDER.NO_LINES`); malformed values (wrong type,
 * too long, control characters) are `COMMAND.INVALID_FIELD`.
 */

/** The most lines an order, an amendment or a shipment carries. */
export const MAX_ORDER_LINES = 200;
/** The most units one line orders. */
export const MAX_LINE_QUANTITY = 100_000;
const MAX_OPTIONS = 100;
const MAX_VIOLATIONS = 1000;
const MAX_REASON_LENGTH = 2000;

const CREDIT_OUTCOMES: readonly CreditOutcome[] = [
  'APPROVED',
  'HELD',
  'AWAITING_SECOND_SIGNATURE',
  'RELEASED',
  'REJECTED',
];

type Data = Record<string, unknown>;

/** Required text: absent or blank is `missing` (default `ORDER.MISSING_FIELD`), malformed is invalid. */
function text(
  value: unknown,
  field: string,
  { max = MAX_NAME_LENGTH, missing = 'ORDER.MISSING_FIELD' }: { max?: number; missing?: OrderErrorCode } = {},
): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    throw new OrderError(missing, `${field} is required`, { field });
  return requireText(value, field, { max });
}
const id = (value: unknown, field: string) => text(value, field, { max: MAX_ID_LENGTH });
const object = (value: unknown, field: string): Data => {
  if (value === undefined || value === null)
    throw new OrderError('ORDER.MISSING_FIELD', `${field} is required`, { field });
  return requireObject(value, field);
};
const date = (value: unknown, field: string) => requireIsoDate(value, field, { code: 'ORDER.INVALID_DATE' });
const quantity = (value: unknown, field: string, min: number) =>
  requireInt(value, field, { min, max: MAX_LINE_QUANTITY, code: 'ORDER.INVALID_QUANTITY' });

/** Lines of an order, an amendment or a shipment: a list of 1 to {@link MAX_ORDER_LINES} objects. */
function lines(value: unknown, each: (line: Data, at: string) => void): void {
  if (Array.isArray(value) && value.length === 0)
    throw new OrderError('ORDER.NO_LINES', 'Name at least one line', { field: 'lines' });
  requireArray(value, 'lines', { min: 1, max: MAX_ORDER_LINES }).forEach((line, i) =>
    each(object(line, `lines[${i}]`), `lines[${i}]`),
  );
}

function address(value: unknown, field: string): void {
  const a = object(value, field);
  for (const part of ['region', 'city', 'contact', 'phone'] as const) text(a[part], `${field}.${part}`);
  text(a.address, `${field}.address`, { max: MAX_NAME_LENGTH });
}

function lineSpec(line: Data, at: string, minQuantity: 0 | 1): void {
  id(line.lineId, `${at}.lineId`);
  quantity(line.quantity, `${at}.quantity`, minQuantity);
  id(line.modelId, `${at}.modelId`);
  requireArray(line.optionIds, `${at}.optionIds`, { max: MAX_OPTIONS }).forEach((option, j) =>
    requireText(option, `${at}.optionIds[${j}]`, { max: MAX_ID_LENGTH }),
  );
  date(line.requestedDate, `${at}.requestedDate`);
  address(line.deliveryAddress, `${at}.deliveryAddress`);
}

function shipmentLine(line: Data, at: string): void {
  id(line.lineId, `${at}.lineId`);
  quantity(line.quantity, `${at}.quantity`, 1);
}

function account(value: unknown): void {
  const a = object(value, 'account');
  id(a.accountId, 'account.accountId');
  text(a.name, 'account.name');
  requireOneOf(a.tier, 'account.tier', ACCOUNT_TIERS);
  text(a.region, 'account.region');
  requireOneOf(a.serviceModel, 'account.serviceModel', SERVICE_MODELS);
  ifPresent(a.commerceProviderId, (v) => id(v, 'account.commerceProviderId'));
  id(a.accountManager, 'account.accountManager');
}

function violations(value: unknown): void {
  requireArray(value, 'violations', { max: MAX_VIOLATIONS }).forEach((item, i) => {
    const v = requireObject(item, `violations[${i}]`);
    requireText(v.code, `violations[${i}].code`, { max: MAX_ID_LENGTH });
    requireText(v.message, `violations[${i}].message`, { max: MAX_REASON_LENGTH });
    ifPresent(v.ruleId, (r) => requireText(r, `violations[${i}].ruleId`, { max: MAX_NAME_LENGTH }));
    ifPresent(v.optionIds, (o) =>
      requireArray(o, `violations[${i}].optionIds`, { max: MAX_OPTIONS }).forEach((option, j) =>
        requireText(option, `violations[${i}].optionIds[${j}]`, { max: MAX_ID_LENGTH }),
      ),
    );
  });
}

const optionalMoney = (value: unknown, field: string) => ifPresent(value, (v) => requireMoney(v, field));

/** Checks the data of an order command; throws on the first field that is wrong. */
export function validateOrderCommand(command: OrderCommand): void {
  const d = requireObject(command.data, 'data');
  id(d.orderId, 'orderId');
  switch (command.type) {
    case 'PlaceOrder': {
      account(d.account);
      requireOneOf(d.channel, 'channel', CHANNELS);
      const signedBy = object(d.signedBy, 'signedBy');
      requireOneOf(signedBy.kind, 'signedBy.kind', ['ORDER_DESK', 'AGENT']);
      text(signedBy.name, 'signedBy.name');
      text(d.customerPo, 'customerPo', { max: MAX_ID_LENGTH });
      return lines(d.lines, (line, at) => lineSpec(line, at, 1));
    }
    case 'ReviewContract':
      requireOneOf(d.decision, 'decision', ['APPROVE', 'REJECT']);
      ifPresent(d.reason, (v) => requireText(v, 'reason', { allowEmpty: true, max: MAX_REASON_LENGTH }));
      return;
    case 'RecordLineConfiguration':
      id(d.lineId, 'lineId');
      requireInt(d.configurationRound, 'configurationRound', { min: 1 });
      requireBoolean(d.valid, 'valid');
      text(d.catalogVersion, 'catalogVersion', { max: MAX_ID_LENGTH });
      optionalMoney(d.unitPrice, 'unitPrice');
      optionalMoney(d.listUnitPrice, 'listUnitPrice');
      optionalMoney(d.lineTotal, 'lineTotal');
      ifPresent(d.leadTimeDays, (v) => requireInt(v, 'leadTimeDays', { max: 3650 }));
      ifPresent(d.violations, violations);
      return;
    case 'RecordCreditDecision':
      requireOneOf(d.outcome, 'outcome', CREDIT_OUTCOMES);
      requireMoney(d.amount, 'amount');
      requireObject(d.snapshot, 'snapshot');
      ifPresent(d.reason, (v) => requireText(v, 'reason', { allowEmpty: true, max: MAX_REASON_LENGTH }));
      ifPresent(d.decidedBy, (v) => requireText(v, 'decidedBy', { max: MAX_NAME_LENGTH }));
      return;
    case 'AmendOrder':
      return lines(d.lines, (line, at) => {
        id(line.lineId, `${at}.lineId`);
        quantity(line.quantity, `${at}.quantity`, 0);
        if (line.quantity !== 0) lineSpec(line, at, 0);
      });
    case 'CancelOrder':
      text(d.reason, 'reason', { max: MAX_REASON_LENGTH, missing: 'ORDER.REASON_REQUIRED' });
      return;
    case 'PlanOrderShipment':
      id(d.shipmentId, 'shipmentId');
      id(d.providerId, 'providerId');
      date(d.plannedDate, 'plannedDate');
      address(d.deliveryAddress, 'deliveryAddress');
      return lines(d.lines, shipmentLine);
    case 'PlanReplacementShipment':
      id(d.shipmentId, 'shipmentId');
      id(d.replacesShipmentId, 'replacesShipmentId');
      ifPresent(d.providerId, (v) => id(v, 'providerId'));
      ifPresent(d.plannedDate, (v) => date(v, 'plannedDate'));
      ifPresent(d.deliveryAddress, (v) => address(v, 'deliveryAddress'));
      return lines(d.lines, shipmentLine);
    case 'RecordShipmentDispatched':
    case 'RecordShipmentCancelled':
      id(d.shipmentId, 'shipmentId');
      return;
    case 'RecordAcceptance':
      id(d.shipmentId, 'shipmentId');
      return lines(d.lines, (line, at) => {
        id(line.lineId, `${at}.lineId`);
        for (const count of ['accepted', 'rejected'] as const)
          requireInt(line[count], `${at}.${count}`, {
            max: MAX_LINE_QUANTITY,
            code: 'ORDER.ACCEPTANCE_QUANTITY_MISMATCH',
          });
      });
    case 'RecordInvoiceIssued':
      id(d.invoiceId, 'invoiceId');
      id(d.shipmentId, 'shipmentId');
      requireMoney(d.amount, 'amount');
      date(d.dueDate, 'dueDate');
      return;
    case 'RecordInvoicePaid':
      id(d.invoiceId, 'invoiceId');
      return;
    case 'ReleaseOrder':
      return;
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
