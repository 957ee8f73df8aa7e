import { type FieldError } from './problem';

// A NUL or other C0 control (tab, newline and carriage return are text), or a UTF-16 surrogate without its pair.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text (PostgreSQL refuses NUL; lone surrogates are not UTF-8), or undefined. */
export function unsafeTextReason(text: string): string | undefined {
  if (CONTROL.test(text)) return 'contains a control character (such as NUL)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

const MAX_DEPTH = 32;

/** Property names that no DTO has and that only ever serve to reach an object's prototype. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Every string (and object key) of `value` that cannot be stored as text, with its field path
 * (`lines[0].modelId`); also refuses prototype property names (`__proto__`) and nesting deeper than
 * {@link MAX_DEPTH}.
 */
export function findUnsafeText(value: unknown, path = '', depth = 0, out: FieldError[] = []): FieldError[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    if (reason) out.push({ field: path || 'body', message: `${path || 'value'} ${reason}` });
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  if (depth >= MAX_DEPTH) {
    out.push({ field: path || 'body', message: `nested deeper than ${MAX_DEPTH} levels` });
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findUnsafeText(item, `${path}[${i}]`, depth + 1, out));
    return out;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const child = path ? `${path}.${key}` : key;
    const reason = unsafeTextReason(key);
    if (reason) out.push({ field: path || 'body', message: `a property name ${reason}` });
    else if (PROTOTYPE_KEYS.has(key)) out.push({ field: child, message: `unknown property: ${key} should not exist` });
    else findUnsafeText(item, child, depth + 1, out);
  }
  return out;
}
