import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { type Money } from '@kamflow/shared-kernel';
import { IntInRange, MAX_MONEY_AMOUNT } from './validators';

/** Currencies the product accepts in request bodies. */
export const CURRENCIES = ['CNY'] as const;

/** Money in a body: integer minor units (fen) and the currency; zero allowed (e.g. a credit limit). */
export class MoneyDto implements Money {
  @ApiProperty({
    example: 500_000_000,
    minimum: 0,
    maximum: MAX_MONEY_AMOUNT,
    description: 'Integer minor units (fen), zero or more',
  })
  @IntInRange(0, MAX_MONEY_AMOUNT)
  amount!: number;

  @ApiProperty({ enum: CURRENCIES, example: 'CNY' })
  @IsIn(CURRENCIES)
  currency!: string;
}

/** Money that must be positive (a payment). */
export class PositiveMoneyDto implements Money {
  @ApiProperty({
    example: 1_250_000,
    minimum: 1,
    maximum: MAX_MONEY_AMOUNT,
    description: 'Integer minor units (fen), at least 1',
  })
  @IntInRange(1, MAX_MONEY_AMOUNT)
  amount!: number;

  @ApiProperty({ enum: CURRENCIES, example: 'CNY' })
  @IsIn(CURRENCIES)
  currency!: string;
}

/** A plain `{ amount, currency }` copy of a validated DTO (no class instance in commands or events). */
export function toMoney(m: Money): Money {
  return { amount: m.amount, currency: m.currency };
}
