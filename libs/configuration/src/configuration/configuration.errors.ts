import { DomainError } from '@kamflow/eventsourcing';

/** The line quantity is not an integer ≥ 1. */
export class InvalidQuantityError extends DomainError {
  constructor(quantity: number) {
    super(
      'CONFIG.INVALID_QUANTITY',
      `Quantity must be a whole number of at least 1, got ${quantity}`,
      'invalid',
      {
        quantity,
      },
    );
  }
}

/** The command names another order line than the stream it was sent to. */
export class LineMismatchError extends DomainError {
  constructor(expected: { orderId: string; lineId: string }, actual: { orderId: string; lineId: string }) {
    super(
      'CONFIG.LINE_MISMATCH',
      `This configuration belongs to ${expected.orderId}/${expected.lineId}, not ${actual.orderId}/${actual.lineId}`,
      'conflict',
      { expected, actual },
    );
  }
}
