import {
  ACCOUNT_TIERS,
  CHANNELS,
  ifPresent,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  requireArray,
  requireInt,
  requireObject,
  requireOneOf,
  requireText,
} from '@kamflow/shared-kernel';
import { type ConfigurationCommand } from './configuration.commands';

/** The most options one line selects. */
const MAX_OPTIONS = 100;

/**
 * The shape of a line configuration command, checked before any rule: ids and the region bounded
 * readable text, options a list of ids, a known channel and tier, the catalog an object (the handler
 * loads it from the catalog stream). `COMMAND.INVALID_FIELD` naming the field; the quantity keeps
 * `CONFIG.INVALID_QUANTITY`.
 */
export function validateConfigurationCommand(command: ConfigurationCommand): void {
  const d = requireObject(command.data, 'data');
  for (const field of ['orderId', 'lineId', 'accountId', 'modelId'] as const)
    requireText(d[field], field, { max: MAX_ID_LENGTH });
  requireArray(d.optionIds, 'optionIds', { max: MAX_OPTIONS }).forEach((option, i) =>
    requireText(option, `optionIds[${i}]`, { max: MAX_ID_LENGTH }),
  );
  requireInt(d.quantity, 'quantity', { min: 1, max: 100_000, code: 'CONFIG.INVALID_QUANTITY' });
  requireOneOf(d.channel, 'channel', CHANNELS);
  requireText(d.region, 'region', { max: MAX_NAME_LENGTH });
  requireOneOf(d.tier, 'tier', ACCOUNT_TIERS);
  requireObject(d.catalog, 'catalog');
  ifPresent(d.configurationRound, (v) => requireInt(v, 'configurationRound', { min: 1 }));
}
