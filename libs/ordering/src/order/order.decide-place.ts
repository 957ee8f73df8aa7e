import { type CommandMetadata } from '@kamflow/eventsourcing';
import { dateOf, hasRole, Roles } from '@kamflow/shared-kernel';
import { type PlaceOrder } from './order.commands';
import { OrderError } from './order.errors';
import { type OrderPlaced } from './order.events';
import { type OrderState } from './order.state';
import { type OrderLineSpec } from './order.values';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Refuses a date that is not a real `YYYY-MM-DD` calendar date. */
export function requireDate(value: string, field: string): void {
  const valid = ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid)
    throw new OrderError('ORDER.INVALID_DATE', `${field} must be a date YYYY-MM-DD`, { field, value });
}

/** Refuses a missing or blank text field. */
export function requireText(value: string | undefined, field: string): void {
  if (!value?.trim()) throw new OrderError('ORDER.MISSING_FIELD', `${field} is required`, { field });
}

/**
 * Checks lines as placed or amended: unique ids, whole quantities (≥ 1, or ≥ 0 where 0 removes
 * a line), a configuration, and a requested date not before the order date. Lines the caller
 * sent back `unchanged` are only checked for duplicates.
 */
export function validateLines(
  lines: readonly OrderLineSpec[],
  metadata: CommandMetadata,
  { minQuantity, unchanged }: { minQuantity: 0 | 1; unchanged?: (line: OrderLineSpec) => boolean },
): void {
  const seen = new Set<string>();
  const today = dateOf(metadata.now);
  lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    requireText(line.lineId, `${at}.lineId`);
    if (seen.has(line.lineId)) {
      throw new OrderError('ORDER.DUPLICATE_LINE', `Line ${line.lineId} appears twice`, {
        field: `${at}.lineId`,
      });
    }
    seen.add(line.lineId);
    if (unchanged?.(line)) return;
    if (!Number.isInteger(line.quantity) || line.quantity < minQuantity) {
      throw new OrderError('ORDER.INVALID_QUANTITY', `Quantity must be a whole number ≥ ${minQuantity}`, {
        field: `${at}.quantity`,
        value: line.quantity,
      });
    }
    if (line.quantity === 0) return;
    requireText(line.modelId, `${at}.modelId`);
    requireDate(line.requestedDate, `${at}.requestedDate`);
    if (line.requestedDate < today) {
      throw new OrderError(
        'ORDER.REQUESTED_DATE_IN_PAST',
        `Requested date ${line.requestedDate} is before ${today}`,
        {
          field: `${at}.requestedDate`,
          orderDate: today,
        },
      );
    }
    requireText(line.deliveryAddress?.address, `${at}.deliveryAddress.address`);
  });
}

/** Copies only the fields of a line spec, so stray input never reaches the event. */
export function lineSpec(line: OrderLineSpec): OrderLineSpec {
  const { lineId, modelId, optionIds, quantity, requestedDate, deliveryAddress } = line;
  return { lineId, modelId, optionIds: [...optionIds], quantity, requestedDate, deliveryAddress };
}

/** 销售订单: signs and captures an order. */
export function placeOrder(command: PlaceOrder, state: OrderState): OrderPlaced[] {
  const { data, metadata } = command;
  const { actor } = metadata;
  const maySign = hasRole(actor, Roles.OrderDesk, Roles.Agent);
  if (!maySign && hasRole(actor, Roles.AccountManager)) {
    throw new OrderError(
      'ORDER.ACCOUNT_MANAGER_CANNOT_SIGN',
      '客户经理只管谈判不管签单: an account manager may not sign an order',
      {
        actorId: actor.id,
      },
    );
  }
  if (!maySign) {
    throw new OrderError('ORDER.FORBIDDEN', `${actor.id} may not place orders`, {
      actorId: actor.id,
      requiredRoles: [Roles.OrderDesk, Roles.Agent],
    });
  }
  if (state.status !== 'NONE') {
    throw new OrderError('ORDER.ALREADY_PLACED', `Order ${data.orderId} was already placed`, {
      orderId: data.orderId,
    });
  }
  if (!hasRole(actor, Roles.OrderDesk) && data.signedBy.kind !== 'AGENT') {
    throw new OrderError('ORDER.AGENT_MUST_SIGN_AS_AGENT', 'An agent places orders under its own signature', {
      field: 'signedBy.kind',
    });
  }
  if (data.signedBy.kind === 'AGENT' && data.channel !== 'AGENT') {
    throw new OrderError(
      'ORDER.AGENT_SIGNATURE_REQUIRES_AGENT_CHANNEL',
      'Only AGENT channel orders are signed by an agent',
      {
        field: 'signedBy.kind',
      },
    );
  }
  if (data.channel === 'COMMERCE_PROVIDER' && data.account.serviceModel !== 'COMMERCE_PROVIDER') {
    throw new OrderError(
      'ORDER.CHANNEL_NOT_ALLOWED',
      'The COMMERCE_PROVIDER channel needs a commerce-provider account',
      {
        field: 'channel',
      },
    );
  }
  if (data.account.serviceModel === 'COMMERCE_PROVIDER') {
    requireText(data.account.commerceProviderId, 'account.commerceProviderId');
  }
  requireText(data.account.accountId, 'account.accountId');
  requireText(data.signedBy.name, 'signedBy.name');
  requireText(data.customerPo, 'customerPo');
  if (data.lines.length === 0)
    throw new OrderError('ORDER.NO_LINES', 'An order needs at least one line', { field: 'lines' });
  validateLines(data.lines, metadata, { minQuantity: 1 });

  return [
    {
      type: 'OrderPlaced',
      data: {
        orderId: data.orderId,
        account: data.account,
        channel: data.channel,
        signedBy: data.signedBy,
        customerPo: data.customerPo,
        lines: data.lines.map((l) => ({ ...lineSpec(l), configurationRound: 1 })),
        placedBy: actor.id,
        placedAt: metadata.now,
      },
    },
  ];
}
