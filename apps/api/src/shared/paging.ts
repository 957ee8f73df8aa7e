import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { type EventStore, type RecordedEvent } from '@kamflow/eventsourcing';
import { BadInputException } from '@kamflow/infrastructure';
import { MAX_PAGE, QueryInt } from './validators';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?page=&pageSize=&sort=&minPosition=` as every list accepts them. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', example: 1, minimum: 1, maximum: MAX_PAGE, description: '1-based' })
  @IsOptional()
  @QueryInt(1, MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', example: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @QueryInt(1, MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Wait (bounded) until the read model has applied this global position (`X-Global-Position`)',
  })
  @IsOptional()
  @QueryInt(0, Number.MAX_SAFE_INTEGER)
  minPosition?: number;

  @ApiPropertyOptional({ maxLength: 40, description: 'A field name, `-field` for descending' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sort?: string;
}

/** A list answer: `{ items, page, pageSize, total }`. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Cuts one page out of the whole (already filtered and sorted) list. */
export function paginate<T>(all: readonly T[], query: { page?: number; pageSize?: number }): Page<T> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length };
}

/**
 * Sorts by `sort` (`field` or `-field`), which must be one of `allowed` (else 400 naming `sort`);
 * without `sort` the order is kept. Values compare as numbers when both are numbers, else as strings.
 */
export function sortBy<T extends object>(
  items: T[],
  sort: string | undefined,
  allowed: readonly (keyof T & string)[],
): T[] {
  if (!sort) return items;
  const desc = sort.startsWith('-');
  const field = (desc ? sort.slice(1) : sort) as keyof T & string;
  if (!allowed.includes(field)) {
    throw new BadInputException(
      [{ field: 'sort', message: `sort must be one of ${allowed.join(', ')} (prefix - for descending)` }],
      'REQUEST.VALIDATION_FAILED',
    );
  }
  const value = (x: T) => x[field] as unknown;
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : text(va).localeCompare(text(vb));
    return desc ? -c : c;
  });
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
}

/**
 * Every event of the given stream categories in log order, paged through `readAll`.
 * Fine for master data and small volumes until a read model takes over.
 */
export async function readCategories(
  store: EventStore,
  categories: readonly string[],
  batch = 1000,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const events = await store.readAll({ after, maxCount: batch, categories });
    out.push(...events);
    if (events.length < batch) return out;
    after = events[events.length - 1].globalPosition;
  }
}
