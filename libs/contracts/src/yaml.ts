/**
 * A small YAML 1.2 writer for JSON-shaped values (objects, arrays, strings, numbers, booleans, null):
 * block style, two-space indent, every string quoted the way Prettier (`singleQuote`) leaves it, keys plain
 * when that cannot be misread. Deterministic: the same value always gives the same text, and
 * `prettier --write` does not change it.
 */
export function toYaml(value: unknown): string {
  if (!isBlock(value)) return `${scalar(value)}\n`;
  return `${block(value, 0).join('\n')}\n`;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_.$-]*$/;
const RESERVED = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

function key(k: string): string {
  return PLAIN_KEY.test(k) && !RESERVED.has(k.toLowerCase()) ? k : quote(k);
}

/** Single quotes ('' escapes '), unless the text needs escapes or holds only single quotes: then JSON's double quotes. */
function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const needsEscapes = /[\u0000-\u001f\u007f]/.test(text);
  if (needsEscapes || (text.includes("'") && !text.includes('"'))) return JSON.stringify(text);
  return `'${text.replace(/'/g, "''")}'`;
}

function isBlock(value: unknown): value is object {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && value !== null && Object.values(value).some((v) => v !== undefined);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  throw new Error(`cannot write a ${typeof value} as YAML`);
}

function block(value: object, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (!isBlock(item)) return [`${pad}- ${scalar(item)}`];
      const lines = block(item, indent + 2);
      return [`${pad}- ${lines[0].trimStart()}`, ...lines.slice(1)];
    });
  }
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]: [string, unknown]) =>
      isBlock(v) ? [`${pad}${key(k)}:`, ...block(v, indent + 2)] : [`${pad}${key(k)}: ${scalar(v)}`],
    );
}
