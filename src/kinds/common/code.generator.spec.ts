import { CODE_ALPHABET, generateCode, normaliseCode, patternCapacity } from './code.generator';

describe('coupon code generator', () => {
  it('fills every placeholder from the unambiguous alphabet and keeps the fixed parts', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCode('SPRING-####-XXXX');
      expect(code).toMatch(new RegExp(`^SPRING-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
      expect(code.slice(7)).not.toMatch(/[01OIL]/);
    }
  });

  it('computes the capacity of a pattern', () => {
    expect(patternCapacity('A-XXXX')).toBe(31 ** 4);
    expect(patternCapacity('SPRING-####-####')).toBe(31 ** 8);
    expect(patternCapacity('FREE')).toBe(1);
  });

  it('rarely collides in a large sample (crypto-random)', () => {
    const codes = new Set(Array.from({ length: 20_000 }, () => generateCode('XXXXXXXX')));
    expect(codes.size).toBeGreaterThan(19_990);
  });

  it('normalises what a customer typed', () => {
    expect(normaliseCode(' spr-ab cd ')).toBe('SPR-ABCD');
  });
});
