import { applyDecorators, BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** Ids are PostgreSQL `integer`s: 1..2^31-1. */
export const MAX_ID = 2 ** 31 - 1;

// Plain decimal only: `Number()` would also take ' 6', '0x6', '+6', '6e0' and '6.0'.
const DECIMAL = /^(0|[1-9][0-9]{0,9})$/;

export interface WholeNumberRange {
  min?: number;
  max?: number;
}

/** The number a plain decimal string (or JS integer) stands for, if it is within range; else undefined. */
export function parseWholeNumber(raw: unknown, { min = 1, max = MAX_ID }: WholeNumberRange = {}): number | undefined {
  const value = typeof raw === 'string' && DECIMAL.test(raw) ? Number(raw) : raw;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

export function wholeNumberMessage(field: string, { min = 1, max = MAX_ID }: WholeNumberRange = {}): string {
  return max === MAX_ID
    ? `${field} must be a whole number like 42 (at least ${min})`
    : `${field} must be a whole number from ${min} to ${max}`;
}

/** Path parameter pipe for ids: "1%20", "0x6", "+6" and "6e0" are refused, not read as 1 or 6. */
export class WholeNumberPipe implements PipeTransform<unknown, number> {
  constructor(
    private readonly field: string,
    private readonly range: WholeNumberRange = {},
  ) {}

  transform(raw: unknown): number {
    const value = parseWholeNumber(raw, this.range);
    if (value === undefined) throw new BadRequestException(wholeNumberMessage(this.field, this.range));
    return value;
  }
}

/** `@IdParam()` / `@IdParam('subscriberId')`: a path id as a number, or a 400. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, new WholeNumberPipe(name));

/**
 * A DTO field holding an id, page, limit or count: query strings must be plain
 * decimal, JSON numbers whole, both within range (default 1..2^31-1).
 */
export function IsWholeNumber(range: WholeNumberRange = {}, options: ValidationOptions = {}): PropertyDecorator {
  const each = options.each === true;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      const convert = (v: unknown) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v);
      return each && Array.isArray(value) ? value.map(convert) : convert(value);
    }),
    ValidateBy(
      {
        name: 'isWholeNumber',
        validator: {
          validate: (value) => parseWholeNumber(value, range) !== undefined,
          defaultMessage: (args) => wholeNumberMessage(`${each ? 'each of ' : ''}${args?.property ?? 'value'}`, range),
        },
      },
      options,
    ),
  );
}
