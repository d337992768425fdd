import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsWholeNumber, MAX_ID, parseWholeNumber, WholeNumberPipe } from './whole-number';

class PageQuery {
  @IsWholeNumber() page?: number;
  @IsWholeNumber({ max: 500 }) limit?: number;
  @IsWholeNumber({}, { each: true }) ids?: number[];
}

const problems = (plain: object) =>
  validateSync(plainToInstance(PageQuery, plain), { skipMissingProperties: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );

describe('whole numbers (ids, page, limit)', () => {
  it('reads plain decimal integers within 1..2^31-1', () => {
    expect(parseWholeNumber('1')).toBe(1);
    expect(parseWholeNumber('42')).toBe(42);
    expect(parseWholeNumber(String(MAX_ID))).toBe(MAX_ID);
    expect(parseWholeNumber(7)).toBe(7);
    expect(parseWholeNumber('0', { min: 0 })).toBe(0);
  });

  it.each([
    '1 ',
    ' 1',
    '0x6',
    '+6',
    '6e0',
    '6.0',
    '06',
    '-1',
    '0',
    '',
    '1_0',
    '١',
    String(MAX_ID + 1),
    '99999999999999999999',
    'Infinity',
    'NaN',
  ])('refuses %j', (raw) => expect(parseWholeNumber(raw)).toBeUndefined());

  it('refuses non-integers and non-strings', () => {
    for (const raw of [1.5, -3, 0, NaN, Infinity, 2 ** 53, null, undefined, true, [], {}, ['1']])
      expect(parseWholeNumber(raw)).toBeUndefined();
  });

  it('the path pipe answers 400 with a message a marketer can act on', () => {
    const pipe = new WholeNumberPipe('id');
    expect(pipe.transform('12')).toBe(12);
    expect(() => pipe.transform('1%20')).toThrow(BadRequestException);
    expect(() => pipe.transform('0x6')).toThrow('id must be a whole number like 42');
  });

  it('the DTO decorator converts query strings and refuses loose spellings and out-of-range pages', () => {
    expect(problems({ page: '3', limit: '500', ids: ['1', 2] })).toEqual([]);
    expect(plainToInstance(PageQuery, { page: '3' }).page).toBe(3);
    expect(problems({ page: '99999999999999999999' })).toEqual(['page must be a whole number like 42 (at least 1)']);
    expect(problems({ limit: '501' })).toEqual(['limit must be a whole number from 1 to 500']);
    expect(problems({ page: '+6' })).toHaveLength(1);
    expect(problems({ page: 1e300 })).toHaveLength(1);
    expect(problems({ ids: [1, '0x2'] })).toEqual(['each of ids must be a whole number like 42 (at least 1)']);
  });
});
