import { ACCOUNT_SCHEMAS } from './accounts.schemas';
import { COMMON_SCHEMAS } from './common.schemas';
import { FINANCE_SCHEMAS } from './finance.schemas';
import { FULFILMENT_SCHEMAS } from './fulfilment.schemas';
import { ORDER_SCHEMAS } from './orders.schemas';
import { obj, type Schema, str } from './schema-builders';

/** Mirrors the validators of `LoginRequest` (libs/infrastructure auth), which carries no schema decorators. */
const LOGIN_REQUEST = obj({
  username: str(undefined, { minLength: 1, maxLength: 100, example: 'desk' }),
  password: str(undefined, { minLength: 1, maxLength: 200, format: 'password', example: 'demo123' }),
});

/** Every answer schema of the HTTP API by name (request schemas come from the DTO classes). */
export const COMPONENT_SCHEMAS: Record<string, Schema> = {
  ...COMMON_SCHEMAS,
  ...ORDER_SCHEMAS,
  ...ACCOUNT_SCHEMAS,
  ...FINANCE_SCHEMAS,
  ...FULFILMENT_SCHEMAS,
  LoginRequest: LOGIN_REQUEST,
};
