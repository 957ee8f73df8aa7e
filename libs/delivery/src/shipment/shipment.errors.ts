import { DomainError } from '@kamflow/eventsourcing';

/** Stable error codes of the delivery context. */
export const DeliveryErrorCodes = {
  ShipmentNotFound: 'DELIVERY.SHIPMENT_NOT_FOUND',
  AlreadyPlanned: 'DELIVERY.ALREADY_PLANNED',
  Forbidden: 'DELIVERY.FORBIDDEN',
  NotAssignedProvider: 'DELIVERY.NOT_ASSIGNED_PROVIDER',
  IllegalTransition: 'DELIVERY.ILLEGAL_TRANSITION',
  NotCancellable: 'DELIVERY.NOT_CANCELLABLE',
  NotReassignable: 'DELIVERY.NOT_REASSIGNABLE',
  NotReschedulable: 'DELIVERY.NOT_RESCHEDULABLE',
  PlannedDateInPast: 'DELIVERY.PLANNED_DATE_IN_PAST',
  FailureReasonRequired: 'DELIVERY.FAILURE_REASON_REQUIRED',
  InvalidShipment: 'DELIVERY.INVALID_SHIPMENT',
} as const;

export const shipmentNotFound = (shipmentId: string) =>
  new DomainError(DeliveryErrorCodes.ShipmentNotFound, `Shipment ${shipmentId} was not found`, 'not-found', {
    shipmentId,
  });

export const forbidden = (action: string, roles: readonly string[]) =>
  new DomainError(
    DeliveryErrorCodes.Forbidden,
    `${action} needs one of the roles ${roles.join(', ')}`,
    'forbidden',
    {
      roles,
    },
  );

export const notAssignedProvider = (shipmentId: string, providerId: string | undefined) =>
  new DomainError(
    DeliveryErrorCodes.NotAssignedProvider,
    `Only the provider assigned to shipment ${shipmentId} may report on it`,
    'forbidden',
    { shipmentId, providerId },
  );

export const illegalTransition = (shipmentId: string, from: string, to: string) =>
  new DomainError(
    DeliveryErrorCodes.IllegalTransition,
    `Shipment ${shipmentId} cannot go from ${from} to ${to}`,
    'conflict',
    { shipmentId, from, to },
  );

export const invalidShipment = (message: string, field: string) =>
  new DomainError(DeliveryErrorCodes.InvalidShipment, message, 'invalid', { field });
