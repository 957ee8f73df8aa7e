import { BadInputException } from '@kamflow/infrastructure';
import { DEFAULT_PAGE_SIZE } from '../shared/paging';

/** Collects `WHERE` conditions with numbered parameters. */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Adds `sql`, where each `?` is replaced by the next of `values`; skipped when the first value is undefined. */
  add(sql: string, ...values: unknown[]): this {
    if (values.length && values[0] === undefined) return this;
    let i = 0;
    this.conditions.push(sql.replace(/\?/g, () => this.param(values[i++])));
    return this;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** `ORDER BY` for `sort` (`field` or `-field`) among `columns` (field → SQL), else `fallback`; 400 naming `sort` otherwise. */
export function orderBy(
  sort: string | undefined,
  columns: Record<string, string>,
  fallback: string,
  tieBreak = 'id',
): string {
  if (!sort) return `ORDER BY ${fallback}, ${tieBreak}`;
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const column = columns[field];
  if (!column) {
    const allowed = Object.keys(columns).join(', ');
    throw new BadInputException(
      [{ field: 'sort', message: `sort must be one of ${allowed} (prefix - for descending)` }],
      'REQUEST.VALIDATION_FAILED',
    );
  }
  return `ORDER BY ${column} ${desc ? 'DESC NULLS LAST' : 'ASC NULLS LAST'}, ${fallback}, ${tieBreak}`;
}

/**
 * `LIMIT $n OFFSET $m` for a 1-based page, both bound parameters appended after `bound` (the query's
 * other parameters): run the page's SQL with `params`. `exportLimit` answers every row up to it on one page.
 */
export function pageOf(
  query: { page?: number; pageSize?: number },
  bound: readonly unknown[],
  exportLimit?: number,
) {
  const page = exportLimit ? 1 : (query.page ?? 1);
  const pageSize = exportLimit ?? query.pageSize ?? DEFAULT_PAGE_SIZE;
  const params = [...bound, pageSize, (page - 1) * pageSize];
  return { page, pageSize, params, limit: `LIMIT $${params.length - 1} OFFSET $${params.length}` };
}

/** `%text%` for `ILIKE`, with the pattern characters of `text` escaped. */
export function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Timestamps as the API writes them (drivers return Date or string). */
export function iso(value: unknown): string {
  return new Date(value as string | Date).toISOString();
}
