import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { type Money } from '@kamflow/shared-kernel';

/** Currencies the product accepts in request bodies. */
export const CURRENCIES = ['CNY'] as const;

/** Money in a body: integer minor units (fen) and the currency; zero allowed (e.g. a credit limit). */
export class MoneyDto implements Money {
  @ApiProperty({ example: 500_000_000, description: 'Integer minor units (fen), zero or more' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @ApiProperty({ enum: CURRENCIES, example: 'CNY' })
  @IsIn(CURRENCIES)
  currency!: string;
}

/** Money that must be positive (a payment). */
export class PositiveMoneyDto implements Money {
  @ApiProperty({ example: 1_250_000, description: 'Integer minor units (fen), at least 1' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @ApiProperty({ enum: CURRENCIES, example: 'CNY' })
  @IsIn(CURRENCIES)
  currency!: string;
}

/** A plain `{ amount, currency }` copy of a validated DTO (no class instance in commands or events). */
export function toMoney(m: Money): Money {
  return { amount: m.amount, currency: m.currency };
}
