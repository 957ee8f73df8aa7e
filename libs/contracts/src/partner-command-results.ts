import {
  arrayOf,
  dateTime,
  int,
  JSON_SCHEMA_DIALECT,
  type JsonSchema,
  nullable,
  obj,
  oneOf,
  str,
  validate,
} from './json-schema';

/** What became of a partner command. */
export type PartnerCommandOutcome = 'ACCEPTED' | 'REJECTED';

/** RFC 9457 problem details, as the HTTP API answers a refused request. */
export interface PublicProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The stable error code, e.g. `DELIVERY.NOT_ASSIGNED_PROVIDER`. */
  code: string;
  /** For bad input: each field at fault, as a path into the command (`data.units[0].defect`). */
  errors?: { field: string; message: string }[];
  details?: Record<string, unknown>;
}

/**
 * `PartnerCommandResult` v1 on `kamflow.partner.command-results.v1`, keyed by the command's `subject`:
 * one per message received on `kamflow.partner.commands.v1`. A repeated command id answers the outcome
 * of the command applied first (`duplicate: true`, nothing changed again); consumers dedupe on
 * `commandId` and filter on `partner`.
 */
export interface PartnerCommandResultV1 {
  type: 'PartnerCommandResult';
  version: 1;
  /** The command's `id`; null when the message carried none. */
  commandId: string | null;
  /** The command's `type` as sent; null when absent. */
  commandType: string | null;
  partner: string | null;
  subject: string | null;
  outcome: PartnerCommandOutcome;
  processedAt: string;
  /** ACCEPTED: the revision of the shipment, acceptance or invoice stream after the command. */
  revision?: number;
  /** ACCEPTED: the id had been applied before; this repeat changed nothing. */
  duplicate?: boolean;
  /** REJECTED: the problem the HTTP API answers for the same request. */
  problem?: PublicProblem;
}

const PROBLEM_SCHEMA: JsonSchema = obj(
  {
    type: str('A URI naming the kind of problem'),
    title: str(),
    status: int('The HTTP status the API answers for the same request', 400, 599),
    detail: str(),
    code: str('The stable error code'),
    errors: arrayOf(obj({ field: str(), message: str() }), 'The fields at fault (bad input)'),
    details: { type: 'object', description: 'Facts about the refusal (ids, revisions)' },
  },
  ['errors', 'details'],
  'RFC 9457 problem details, as the HTTP API answers',
);

/** The JSON Schema of a partner command result. */
export function partnerCommandResultSchema(): JsonSchema {
  const orNull = (description: string) => nullable(str(description));
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: 'https://kamflow.dev/schemas/partner.PartnerCommandResult.v1.json',
    title: 'PartnerCommandResult v1',
    ...obj(
      {
        type: { type: 'string', const: 'PartnerCommandResult' },
        version: { type: 'integer', const: 1 },
        commandId: orNull('The command `id`; null when the message carried none'),
        commandType: orNull('The command `type` as sent'),
        partner: orNull('The provider that sent the command'),
        subject: orNull('The shipment or invoice id the command acts on'),
        outcome: oneOf(['ACCEPTED', 'REJECTED']),
        processedAt: dateTime(),
        revision: int('ACCEPTED: the stream revision after the command', 0),
        duplicate: { type: 'boolean', description: 'ACCEPTED: the id had been applied before' },
        problem: PROBLEM_SCHEMA,
      },
      ['revision', 'duplicate', 'problem'],
      'What became of one partner command: ACCEPTED (applied) or REJECTED with the problem the HTTP API answers.',
    ),
  };
}

/** Validates a partner command result; returns the problems (empty when valid). */
export function validatePartnerCommandResult(value: unknown): string[] {
  return validate(partnerCommandResultSchema(), value);
}
