import { type SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  anyObject,
  arr,
  dateTime,
  int,
  nullable,
  obj,
  oneOf,
  ref,
  type Schema,
  str,
} from './schema-builders';

/** A command's answer with one more id beside `{ id, revision }`. */
const acceptedWith = (field: string, description: string): SchemaObject => ({
  allOf: [ref('CommandAccepted'), obj({ [field]: str(description) })],
});

/** Schemas every part of the API shares: money, problems, command answers, auth, operations. */
export const COMMON_SCHEMAS: Record<string, Schema> = {
  Money: obj(
    {
      amount: int('Integer minor units (fen for CNY), never a float'),
      currency: str('ISO 4217', { example: 'CNY' }),
    },
    {},
    'An amount of money',
  ),
  FieldError: obj({
    field: str('The field at fault, e.g. `lines[0].quantity`, or a header name'),
    message: str(),
  }),
  ProblemDetails: obj(
    {
      type: str('A URI naming the problem', { format: 'uri' }),
      title: str(),
      status: int('The HTTP status', { minimum: 400, maximum: 599 }),
      detail: str(),
      code: str('The stable domain error code, e.g. `ORDER.NOT_CANCELLABLE`'),
    },
    {
      instance: str('The request path'),
      errors: arr(ref('FieldError'), 'For bad input: each field at fault'),
      details: anyObject('What the error concerns, e.g. the id, or the expected and current revision'),
    },
    'RFC 9457 problem details',
  ),
  CommandAccepted: obj(
    {
      id: str('The aggregate (or created item) the command acted on'),
      revision: int('Its revision after the command'),
    },
    {},
    'A command was applied (or, with a repeated Idempotency-Key, had been)',
  ),
  CreditDecisionAccepted: acceptedWith('creditAccountRevision', 'Revision of the credit account'),
  ShipmentPlanned: acceptedWith('orderId', 'The order the shipment belongs to'),
  CreditChangeProposed: acceptedWith('accountId', 'The account the change is for'),
  AcceptanceReceiptSigned: acceptedWith('shipmentId', 'The inspected shipment'),
  PaymentRecorded: acceptedWith('invoiceId', 'The paid invoice'),
  DeliveryAddress: obj({ region: str(), city: str(), address: str(), contact: str(), phone: str() }),
  LoginAnswer: obj(
    {
      accessToken: str('Send as `Authorization: Bearer <token>`'),
      tokenType: oneOf(['Bearer']),
      roles: arr(str()),
      username: str(),
    },
    { displayName: str(), providerId: str('Set for a provider principal') },
  ),
  Principal: obj({ username: str(), roles: arr(str()) }, { displayName: str(), providerId: str() }),
  Health: obj({ status: oneOf(['ok']) }),
  Readiness: obj(
    {
      status: oneOf(['ready', 'degraded', 'unavailable']),
      checks: {
        type: 'object',
        description:
          'The event store and every background component (projections, process manager, relay, consumers)',
        additionalProperties: anyObject(),
      },
    },
    { mode: str('embedded, postgres or distributed') },
  ),
  Violation: obj(
    {
      code: str(),
      rule: str('Readable id of the broken rule, e.g. `requires:MEM-64G`'),
      message: str(),
      optionIds: arr(str(), 'The options involved'),
    },
    { classId: str() },
  ),
  EventRecord: obj(
    {
      position: int('Global position in the log'),
      streamId: str(),
      revision: int('Revision within its stream'),
      type: str(),
      occurredAt: dateTime(),
      actor: nullable(str()),
      data: anyObject(),
    },
    { correlationId: nullable(str()), causationId: nullable(str()) },
  ),
};
