import {
  ArrayMinSize,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  validateSync,
} from 'class-validator';
import { plainValidationMessage } from './plain-validation-message';
import { fieldProblemsText, flattenValidationErrors } from './validation.pipe';

class Sample {
  @IsString() @Length(1, 80) question: unknown;
  @IsString() @MaxLength(3) code: unknown;
  @IsNotEmpty() title: unknown;
  @IsInt() @Min(0) @Max(100) bonus: unknown;
  @IsIn(['nps', 'csat']) type: unknown;
  @IsEmail() from: unknown;
  @IsEmail({}, { message: 'to must be an email address' }) to: unknown;
  @ArrayMinSize(2) @Length(1, 80, { each: true }) choices: unknown;
  @Matches(/^[a-z]+$/) slug: unknown;
}

const problemsOf = (values: Partial<Record<keyof Sample, unknown>>) => {
  const valid = {
    question: 'Q',
    code: 'AB',
    title: 'T',
    bonus: 1,
    type: 'nps',
    from: 'a@example.com',
    to: 'b@example.com',
    choices: ['a', 'b'],
    slug: 'ok',
  };
  const errors = validateSync(Object.assign(new Sample(), valid, values));
  return Object.fromEntries(flattenValidationErrors(errors).map((d) => [d.field, d.problems]));
};

describe('validation messages in plain words', () => {
  it('rewrites the stock messages for a person', () => {
    expect(
      problemsOf({ question: '', code: 'ABCD', title: '', bonus: 101, type: 'x', from: 'nope', slug: 'A!' }),
    ).toEqual({
      question: ['Write at least one character'],
      code: ['Use at most 3 characters'],
      title: ['Write at least one character'],
      bonus: ['Use 100 or less'],
      type: ['Choose one of: nps, csat'],
      from: ['Use an email address, such as name@example.com'],
      slug: ['This is not in the expected form'],
    });
    expect(problemsOf({ bonus: 2.5 })).toEqual({ bonus: ['Use a whole number'] });
    expect(problemsOf({ choices: ['only'] })).toEqual({ choices: ['Give at least 2 items'] });
    expect(problemsOf({ choices: ['yes', ''] })).toEqual({ choices: ['Every item: write 1 to 80 characters'] });
  });

  it('says once that a required field is missing instead of every rule it fails', () => {
    expect(problemsOf({ bonus: undefined, question: undefined })).toEqual({
      bonus: ['Fill this in'],
      question: ['Fill this in'],
    });
    // A message the decorator wrote itself says more than "Fill this in".
    expect(problemsOf({ to: undefined })).toEqual({ to: ['to must be an email address'] });
  });

  it("keeps a decorator's own message", () => {
    expect(problemsOf({ to: 'nope' })).toEqual({ to: ['to must be an email address'] });
    // Same words as a stock message, but written for another property: not rewritten.
    expect(plainValidationMessage('isObject', 'events', 'each item must be an object')).toBe(
      'each item must be an object',
    );
  });

  it('names the field before each problem in the one-line message', () => {
    expect(
      fieldProblemsText([
        { field: 'content.question', problems: ['Write at least one character'] },
        { field: 'to', problems: ['to must be an email address'] },
      ]),
    ).toBe('content.question: Write at least one character; to must be an email address');
  });
});
