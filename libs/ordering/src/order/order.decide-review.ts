import { addBusinessDays, dateOf, multiply, Roles } from '@kamflow/shared-kernel';
import {
  type RecordCreditDecision,
  type RecordLineConfiguration,
  type ReleaseOrder,
  type ReviewContract,
} from './order.commands';
import { OrderError, requireOrder, requireReason, requireRole } from './order.errors';
import { type OrderEvent } from './order.events';
import { isClosed, orderTotal, readyForRelease } from './order.queries';
import { type CreditReviewStatus, type OrderState } from './order.state';
import { type CreditOutcome, type LineCommitment } from './order.values';

/** 合同审核: approve, or reject with a reason (the order is rejected). */
export function reviewContract(command: ReviewContract, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'review contracts', Roles.ContractReviewer);
  if (order.contractReview.status !== 'PENDING') {
    throw new OrderError(
      'ORDER.CONTRACT_ALREADY_REVIEWED',
      `The contract of ${order.orderId} was already reviewed`,
      {
        contractReview: order.contractReview.status,
      },
    );
  }
  if (isClosed(order)) {
    throw new OrderError('ORDER.CLOSED', `Order ${order.orderId} is ${order.status}`, {
      status: order.status,
    });
  }
  const reviewer = metadata.actor.id;
  const reviewedAt = metadata.now;
  if (data.decision === 'APPROVE')
    return [{ type: 'ContractApproved', data: { orderId: order.orderId, reviewer, reviewedAt } }];
  const reason = requireReason(data.reason);
  return [{ type: 'ContractRejected', data: { orderId: order.orderId, reviewer, reason, reviewedAt } }];
}

/**
 * Records a line's configuration verdict. Verdicts for a removed line, for an earlier
 * configuration round, or repeated for the current one change nothing.
 */
export function recordLineConfiguration(command: RecordLineConfiguration, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'record configuration outcomes', Roles.System);
  const line = order.lines.find((l) => l.lineId === data.lineId);
  const current =
    line?.configurationRound === data.configurationRound && line.configuration.status === 'PENDING';
  if (!line || !current || isClosed(order)) return [];
  const { orderId, lineId, configurationRound, catalogVersion } = data;
  if (!data.valid) {
    const violations = data.violations ?? [];
    return [
      {
        type: 'OrderLineConfigurationRejected',
        data: { orderId, lineId, configurationRound, catalogVersion, violations },
      },
    ];
  }
  const { unitPrice, leadTimeDays } = data;
  if (!unitPrice || leadTimeDays === undefined || !Number.isInteger(leadTimeDays) || leadTimeDays < 0) {
    throw new OrderError(
      'ORDER.INVALID_CONFIGURATION_OUTCOME',
      'A valid configuration needs a unit price and a lead time',
      {
        lineId,
      },
    );
  }
  const lineTotal = data.lineTotal ?? multiply(unitPrice, line.quantity);
  return [
    {
      type: 'OrderLineConfigured',
      data: {
        orderId,
        lineId,
        configurationRound,
        catalogVersion,
        unitPrice,
        ...(data.listUnitPrice ? { listUnitPrice: data.listUnitPrice } : {}),
        lineTotal,
        leadTimeDays,
      },
    },
  ];
}

/** Which credit outcome may follow which; anything else is a stale or repeated delivery. */
const CREDIT_TRANSITIONS: Record<CreditReviewStatus, readonly CreditOutcome[]> = {
  PENDING: ['APPROVED', 'HELD', 'AWAITING_SECOND_SIGNATURE', 'RELEASED', 'REJECTED'],
  HELD: ['APPROVED', 'AWAITING_SECOND_SIGNATURE', 'RELEASED', 'REJECTED'],
  AWAITING_SECOND_SIGNATURE: ['APPROVED', 'RELEASED', 'REJECTED'],
  APPROVED: [],
  RELEASED: [],
  REJECTED: [],
};

const CREDIT_EVENT = {
  APPROVED: 'OrderCreditApproved',
  HELD: 'OrderCreditHeld',
  AWAITING_SECOND_SIGNATURE: 'OrderCreditAwaitingSecondSignature',
  RELEASED: 'OrderCreditReleased',
  REJECTED: 'OrderCreditRejected',
} as const satisfies Record<CreditOutcome, OrderEvent['type']>;

/**
 * Records the credit decision. A decision made on another amount than the current priced
 * total (the order was amended since) or that does not follow the current one is ignored.
 */
export function recordCreditDecision(command: RecordCreditDecision, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'record credit decisions', Roles.System);
  const total = orderTotal(order);
  const sameAmount = total?.amount === data.amount.amount && total.currency === data.amount.currency;
  if (isClosed(order) || !sameAmount || !CREDIT_TRANSITIONS[order.creditReview.status].includes(data.outcome))
    return [];
  const decision = {
    orderId: order.orderId,
    amount: data.amount,
    snapshot: data.snapshot,
    ...(data.reason ? { reason: data.reason } : {}),
    ...(data.decidedBy ? { decidedBy: data.decidedBy } : {}),
    decidedAt: metadata.now,
  };
  return [{ type: CREDIT_EVENT[data.outcome], data: decision }];
}

/**
 * 供货承诺: releases the order once contract, every line and credit passed. A line is promised
 * for the later of its requested date and the release date plus its lead time in business days.
 */
export function releaseOrder(command: ReleaseOrder, state: OrderState): OrderEvent[] {
  const { data, metadata } = command;
  const order = requireOrder(state, data.orderId);
  requireRole(metadata.actor, 'release orders', Roles.System);
  if (order.release && !isClosed(order)) return [];
  const total = orderTotal(order);
  if (!readyForRelease(order) || !total) {
    throw new OrderError('ORDER.NOT_READY_FOR_RELEASE', `Order ${order.orderId} is not ready for release`, {
      status: order.status,
      contractReview: order.contractReview.status,
      creditReview: order.creditReview.status,
      unconfiguredLineIds: order.lines.filter((l) => l.configuration.status !== 'VALID').map((l) => l.lineId),
    });
  }
  const releaseDate = dateOf(metadata.now);
  const supplyCommitment: LineCommitment[] = order.lines.map((line) => {
    const leadTimeDays = line.configuration.status === 'VALID' ? line.configuration.leadTimeDays : 0;
    const earliest = addBusinessDays(releaseDate, leadTimeDays);
    const promisedDate = earliest > line.requestedDate ? earliest : line.requestedDate;
    return { lineId: line.lineId, leadTimeDays, requestedDate: line.requestedDate, promisedDate };
  });
  return [
    {
      type: 'OrderReleased',
      data: { orderId: order.orderId, total, supplyCommitment, releasedAt: metadata.now },
    },
  ];
}
