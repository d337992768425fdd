import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainValidationMessage } from './plain-validation-message';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** class-validator errors as one entry per field path in plain words, unknown fields named as such. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: describe(error, field, error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function describe(error: ValidationError, field: string, constraints: Record<string, string>): string[] {
  if (constraints.whitelistValidation) return [`${field} is not a known field`];
  const worded = Object.entries(constraints).map(([rule, text]) => ({
    text,
    plain: plainValidationMessage(rule, error.property, text),
  }));
  // A required field left out fails every stock rule it has ("must not be greater than 100", "must not be less than 0"...):
  // one problem, unless a decorator worded its own (e.g. which kinds there are).
  if (error.value === undefined) {
    const own = worded.filter((w) => w.plain === w.text).map((w) => w.text);
    return own.length ? own : ['Fill this in'];
  }
  return [...new Set(worded.map((w) => w.plain))];
}

/** Field problems as one line: each problem after its field, unless it names the field itself. */
export function fieldProblemsText(details: FieldProblem[]): string {
  return details.flatMap((d) => d.problems.map((p) => (p.startsWith(d.field) ? p : `${d.field}: ${p}`))).join('; ');
}

/**
 * Single path parameters reach their own pipe as sent: the stock pipe would turn
 * a `number` parameter into `+value` first, so "6 ", "0x6" and "6e0" all became 6
 * before WholeNumberPipe could refuse them.
 */
class StrictValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}

/** Global validation: unknown fields are refused by name, values are converted to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const message = fieldProblemsText(details);
      return new BadRequestException({ message, error: 'Bad Request', details });
    },
  });
}
