import { type RecordedEvent } from '@kamflow/eventsourcing';
import { type KeyAccountRegistered } from '@kamflow/accounts';
import { type CreditChangeApproved } from '@kamflow/credit';
import { type ConfigurationRejected, type ConfigurationValidated } from '@kamflow/configuration';
import { type ShipmentDelivered } from '@kamflow/delivery';
import { type AcceptanceReceiptSigned, type ReplacementRequested } from '@kamflow/acceptance';
import { DUNNING_LEVELS, type InvoiceIssued, type PaymentRecorded } from '@kamflow/billing';
import { addCalendarDays } from '@kamflow/shared-kernel';
import { cmd, type FulfilmentPorts, reaction, type Reaction } from './reaction';

/** Master data: a registered key account gets its credit account. */
export function reactToAccount(event: RecordedEvent): Reaction {
  if (event.type !== 'KeyAccountRegistered') return reaction();
  const data = event.data as KeyAccountRegistered['data'];
  return reaction([
    cmd(`${event.eventId}:open-credit`, 'OpenCreditAccount', { accountId: data.accountId, ...data.credit }),
  ]);
}

/** An approved grade/limit change takes effect on the account. */
export function reactToCreditChange(event: RecordedEvent): Reaction {
  if (event.type !== 'CreditChangeApproved') return reaction();
  const d = event.data as CreditChangeApproved['data'];
  return reaction([
    cmd(`${event.eventId}:apply`, 'ApplyCreditTerms', {
      accountId: d.accountId,
      changeId: d.changeId,
      ...(d.grade !== undefined ? { grade: d.grade } : {}),
      ...(d.limit !== undefined ? { limit: d.limit } : {}),
      ...(d.paymentTermsDays !== undefined ? { paymentTermsDays: d.paymentTermsDays } : {}),
    }),
  ]);
}

/** The configuration verdict goes onto the order line it was asked for. */
export function reactToConfiguration(event: RecordedEvent): Reaction {
  if (event.type !== 'ConfigurationValidated' && event.type !== 'ConfigurationRejected') return reaction();
  const d = event.data as (ConfigurationValidated | ConfigurationRejected)['data'];
  if (d.configurationRound === undefined) return reaction();
  const valid = event.type === 'ConfigurationValidated';
  const v = d as ConfigurationValidated['data'];
  const r = d as ConfigurationRejected['data'];
  return reaction([
    cmd(`${event.eventId}:record`, 'RecordLineConfiguration', {
      orderId: d.orderId,
      lineId: d.lineId,
      configurationRound: d.configurationRound,
      valid,
      catalogVersion: String(d.catalogVersion),
      ...(valid
        ? { unitPrice: v.unitPrice, listUnitPrice: v.listUnitPrice, lineTotal: v.lineTotal, leadTimeDays: v.leadTimeDays }
        : {
            violations: r.violations.map((x) => ({
              code: x.code,
              message: x.message,
              ruleId: x.rule,
              optionIds: x.optionIds,
            })),
          }),
    }),
  ]);
}

const CREDIT_OUTCOMES: Record<string, string> = {
  OrderCreditApproved: 'APPROVED',
  OrderCreditHeld: 'HELD',
  CreditReleaseAwaitingSecondSignature: 'AWAITING_SECOND_SIGNATURE',
  OrderCreditReleased: 'RELEASED',
  OrderCreditRejected: 'REJECTED',
};

/** Credit decisions made on the account are recorded on the order they concern. */
export function reactToCreditAccount(event: RecordedEvent): Reaction {
  const outcome = CREDIT_OUTCOMES[event.type];
  if (!outcome) return reaction();
  const d = event.data as {
    orderId: string;
    amount: unknown;
    snapshot: Record<string, unknown>;
    reason?: string;
    releasedBy?: string;
    rejectedBy?: string;
    secondSignatureBy?: string;
    firstSignature?: { actor: string; reason: string };
    reasons?: string[];
  };
  const decidedBy = d.secondSignatureBy ? `${d.releasedBy} + ${d.secondSignatureBy}` : (d.releasedBy ?? d.rejectedBy ?? d.firstSignature?.actor);
  const reason = d.reason ?? d.firstSignature?.reason ?? d.reasons?.join(', ');
  return reaction([
    cmd(`${event.eventId}:record`, 'RecordCreditDecision', {
      orderId: d.orderId,
      outcome,
      amount: d.amount ?? (d.snapshot as { orderAmount?: unknown }).orderAmount,
      snapshot: d.snapshot,
      ...(reason ? { reason } : {}),
      ...(decidedBy ? { decidedBy } : {}),
    }),
  ]);
}

/** Shipment progress: dispatch and cancellation go onto the order; a delivery opens the inspection. */
export function reactToShipment(event: RecordedEvent, ports: FulfilmentPorts): Reaction {
  const d = event.data as { shipmentId: string; orderId: string };
  switch (event.type) {
    case 'ShipmentDispatched':
      return reaction([cmd(`${event.eventId}:record`, 'RecordShipmentDispatched', { orderId: d.orderId, shipmentId: d.shipmentId })]);
    case 'ShipmentCancelled':
      return reaction([cmd(`${event.eventId}:record`, 'RecordShipmentCancelled', { orderId: d.orderId, shipmentId: d.shipmentId })]);
    case 'ShipmentDelivered': {
      const del = event.data as ShipmentDelivered['data'];
      const dueAt = new Date(Date.parse(del.deliveredAt) + ports.acceptanceOverdueDays * 86_400_000).toISOString();
      return reaction(
        [
          cmd(`${event.eventId}:inspect`, 'OpenInspection', {
            shipmentId: del.shipmentId,
            orderId: del.orderId,
            accountId: del.accountId,
            providerId: del.providerId,
            lines: del.lines,
            deliveredAt: del.deliveredAt,
          }),
          cmd(`${event.eventId}:track`, 'TrackDelivery', {
            orderId: del.orderId,
            shipmentId: del.shipmentId,
            providerId: del.providerId,
            deliveredAt: del.deliveredAt,
            acceptanceDueAt: dueAt,
          }),
        ],
        [
          {
            timerId: `acceptance-overdue:${del.shipmentId}`,
            dueAt,
            command: { type: 'CheckAcceptanceOverdue', data: { orderId: del.orderId, shipmentId: del.shipmentId } },
          },
        ],
      );
    }
    default:
      return reaction();
  }
}

/** A signed receipt: recorded on the order, invoiced, the provider's fee accrued; rejected units replaced. */
export async function reactToAcceptance(event: RecordedEvent, ports: FulfilmentPorts): Promise<Reaction> {
  if (event.type === 'ReplacementRequested') {
    const d = event.data as ReplacementRequested['data'];
    return reaction([
      cmd(`${event.eventId}:replace`, 'PlanReplacementShipment', {
        orderId: d.orderId,
        shipmentId: `${d.shipmentId}-R`,
        replacesShipmentId: d.shipmentId,
        lines: d.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
      }),
    ]);
  }
  if (event.type !== 'AcceptanceReceiptSigned') return reaction();
  const d = event.data as AcceptanceReceiptSigned['data'];
  const order = await ports.orderAt(d.orderId);
  const commands = [
    cmd(`${event.eventId}:record`, 'RecordAcceptance', {
      orderId: d.orderId,
      shipmentId: d.shipmentId,
      lines: d.lines.map((l) => ({ lineId: l.lineId, accepted: l.accepted, rejected: l.rejected })),
    }),
    cmd(`${event.eventId}:track`, 'TrackAcceptanceSigned', { orderId: d.orderId, shipmentId: d.shipmentId, signedAt: d.signedAt }),
    cmd(`${event.eventId}:fee`, 'AccrueProviderFee', {
      providerId: d.providerId,
      jobId: d.shipmentId,
      orderId: d.orderId,
      units: d.acceptedUnits + d.rejectedUnits,
      deliveredUnits: d.lines.reduce((n, l) => n + l.delivered, 0),
      satisfaction: d.satisfaction,
      accruedAt: d.signedAt,
    }),
  ];
  if (order.status !== 'NONE' && d.acceptedUnits > 0) {
    commands.push(
      cmd(`${event.eventId}:invoice`, 'IssueInvoice', {
        invoiceId: `INV-${d.shipmentId}`,
        orderId: d.orderId,
        accountId: d.accountId,
        receiptId: d.receiptId,
        shipmentId: d.shipmentId,
        lines: d.lines
          .filter((l) => l.accepted > 0)
          .map((l) => {
            const line = order.lines.find((x) => x.lineId === l.lineId);
            const unitPrice = line?.configuration.status === 'VALID' ? line.configuration.unitPrice : undefined;
            return { lineId: l.lineId, quantity: l.accepted, unitPrice };
          }),
        issuedAt: event.occurredAt,
        acceptedAt: d.signedAt,
        channel: order.channel,
        ...(order.account.commerceProviderId ? { commerceProviderId: order.account.commerceProviderId } : {}),
      }),
    );
  }
  return reaction(commands);
}

/** Invoices feed the order, the account's receivables and the dunning timers. */
export function reactToInvoice(event: RecordedEvent): Reaction {
  switch (event.type) {
    case 'InvoiceIssued': {
      const d = event.data as InvoiceIssued['data'];
      return reaction(
        [
          cmd(`${event.eventId}:record`, 'RecordInvoiceIssued', {
            orderId: d.orderId,
            invoiceId: d.invoiceId,
            shipmentId: d.shipmentId,
            amount: d.amount,
            dueDate: d.dueDate,
          }),
          cmd(`${event.eventId}:receivable`, 'OpenReceivable', {
            accountId: d.accountId,
            invoiceId: d.invoiceId,
            orderId: d.orderId,
            amount: d.amount,
            dueDate: d.dueDate,
          }),
        ],
        DUNNING_LEVELS.map((l) => ({
          timerId: `dunning:${d.invoiceId}:${l.level}`,
          dueAt: `${addCalendarDays(d.dueDate, l.afterDays)}T00:00:00.000Z`,
          command: { type: 'CheckInvoiceOverdue', data: { invoiceId: d.invoiceId } },
        })),
      );
    }
    case 'PaymentRecorded': {
      const d = event.data as PaymentRecorded['data'];
      return reaction([
        cmd(`${event.eventId}:receivable`, 'RecordReceivablePayment', {
          accountId: d.accountId,
          invoiceId: d.invoiceId,
          amount: d.amount,
          receivedAt: d.receivedAt,
        }),
      ]);
    }
    case 'InvoicePaid': {
      const d = event.data as { orderId: string; invoiceId: string };
      return reaction([cmd(`${event.eventId}:record`, 'RecordInvoicePaid', { orderId: d.orderId, invoiceId: d.invoiceId })]);
    }
    default:
      return reaction();
  }
}
