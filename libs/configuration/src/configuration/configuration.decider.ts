import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { multiply } from '@kamflow/shared-kernel';
import { evaluateConfiguration } from '../cto/evaluate-configuration';
import { type ConfigurationCommand, type ValidateLineConfiguration } from './configuration.commands';
import { InvalidQuantityError, LineMismatchError } from './configuration.errors';
import { type ConfigurationEvent } from './configuration.events';
import { type ConfigurationState } from './configuration.state';
import { validateConfigurationCommand } from './configuration.validate';

/** Stream of one order line's configuration: `configuration-<orderId>.<lineId>`. */
export const configurationStreamId = (orderId: string, lineId: string): string =>
  `configuration-${orderId}.${lineId}`;

const initialState = (): ConfigurationState => ({ status: 'unvalidated' });

function evolve(state: ConfigurationState, event: ConfigurationEvent): ConfigurationState {
  const validations = (state.status === 'unvalidated' ? 0 : state.validations) + 1;
  switch (event.type) {
    case 'ConfigurationValidated':
      return { status: 'valid', validations, current: event.data };
    case 'ConfigurationRejected':
      return { status: 'rejected', validations, current: event.data };
    default:
      return assertNever(event, 'configuration event');
  }
}

function decide(command: ConfigurationCommand, state: ConfigurationState): ConfigurationEvent[] {
  validateConfigurationCommand(command);
  switch (command.type) {
    case 'ValidateLineConfiguration':
      return validateLine(command, state);
    default:
      return assertNever(command.type, 'configuration command');
  }
}

function validateLine(command: ValidateLineConfiguration, state: ConfigurationState): ConfigurationEvent[] {
  const { orderId, lineId, accountId, modelId, optionIds, quantity, channel, region, tier, catalog, configurationRound } =
    command.data;
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new InvalidQuantityError(quantity);
  if (
    state.status !== 'unvalidated' &&
    (state.current.orderId !== orderId || state.current.lineId !== lineId)
  ) {
    throw new LineMismatchError(state.current, { orderId, lineId });
  }

  const evaluation = evaluateConfiguration(catalog, { modelId, optionIds, channel, region }, tier);
  const line = {
    orderId,
    lineId,
    accountId,
    modelId,
    optionIds: [...optionIds],
    quantity,
    ...(configurationRound !== undefined ? { configurationRound } : {}),
  };
  const pinned = { catalogId: catalog.catalogId, catalogVersion: catalog.version };
  if (!evaluation.valid) {
    return [
      { type: 'ConfigurationRejected', data: { ...line, ...pinned, violations: evaluation.violations } },
    ];
  }
  const { listUnitPrice, unitPrice, discountBp, leadTimeDays } = evaluation;
  return [
    {
      type: 'ConfigurationValidated',
      data: {
        ...line,
        ...pinned,
        listUnitPrice,
        unitPrice,
        discountBp,
        lineTotal: multiply(unitPrice, quantity),
        leadTimeDays,
      },
    },
  ];
}

/**
 * The configuration aggregate of one order line (特配): validates the line against a catalog version
 * and prices it for the account's tier. Every (re)validation records a new event; the latest wins.
 * Errors: `CONFIG.INVALID_QUANTITY`, `CONFIG.LINE_MISMATCH`.
 */
export const configurationDecider: Decider<ConfigurationState, ConfigurationCommand, ConfigurationEvent> = {
  initialState,
  evolve,
  decide,
};
