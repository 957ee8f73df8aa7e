import {
  ACCOUNT_TIERS,
  CREDIT_GRADES,
  ifPresent,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  requireArray,
  requireInt,
  requireMoney,
  requireObject,
  requireOneOf,
  requireText,
  SERVICE_MODELS,
} from '@kamflow/shared-kernel';
import { type ChangeKeyAccount, type KeyAccountProfile, type RegisterKeyAccount } from './key-account';

/** Longest payment term of the initial credit terms (net days), as the credit context accepts. */
const MAX_PAYMENT_TERMS_DAYS = 365;
/** Most agents (代理商) one account names. */
const MAX_AGENTS = 100;

const id = (value: unknown, field: string) => requireText(value, field, { max: MAX_ID_LENGTH });
const name = (value: unknown, field: string) => requireText(value, field, { max: MAX_NAME_LENGTH });
const agents = (value: unknown, field: string) =>
  requireArray(value, field, { max: MAX_AGENTS }).map((agent, i) => id(agent, `${field}[${i}]`));

/** Checks the profile fields; absent ones are refused when `required`, else left out. */
function profileFields(
  data: Record<string, unknown>,
  required: boolean,
): Partial<Omit<KeyAccountProfile, 'accountId'>> {
  const check = <T>(value: unknown, guard: (present: unknown) => T): T | undefined =>
    required ? guard(value) : ifPresent(value, guard);
  const fields = {
    name: check(data.name, (v) => name(v, 'name')),
    industry: check(data.industry, (v) => name(v, 'industry')),
    tier: check(data.tier, (v) => requireOneOf(v, 'tier', ACCOUNT_TIERS)),
    region: check(data.region, (v) => name(v, 'region')),
    accountManager: check(data.accountManager, (v) => id(v, 'accountManager')),
    agents: ifPresent(data.agents, (v) => agents(v, 'agents')),
    serviceModel: check(data.serviceModel, (v) => requireOneOf(v, 'serviceModel', SERVICE_MODELS)),
    commerceProviderId: ifPresent(data.commerceProviderId, (v) => id(v, 'commerceProviderId')),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/**
 * Checks a registration field by field, the nested credit terms included, and returns exactly the
 * fields the event records (stray input never reaches the log).
 */
export function validateRegisterKeyAccount(input: RegisterKeyAccount['data']): RegisterKeyAccount['data'] {
  const data = requireObject(input, 'data');
  const accountId = id(data.accountId, 'accountId');
  const profile = profileFields(data, true) as Omit<KeyAccountProfile, 'accountId'>;
  const credit = requireObject(data.credit, 'credit');
  return {
    accountId,
    ...profile,
    agents: profile.agents ?? [],
    credit: {
      grade: requireOneOf(credit.grade, 'credit.grade', CREDIT_GRADES),
      limit: requireMoney(credit.limit, 'credit.limit'),
      paymentTermsDays: requireInt(credit.paymentTermsDays, 'credit.paymentTermsDays', {
        max: MAX_PAYMENT_TERMS_DAYS,
      }),
    },
  };
}

/** Checks a change: the account id and every field that is present. Returns the checked fields only. */
export function validateChangeKeyAccount(input: ChangeKeyAccount['data']): ChangeKeyAccount['data'] {
  const data = requireObject(input, 'data');
  return { accountId: id(data.accountId, 'accountId'), ...profileFields(data, false) };
}
