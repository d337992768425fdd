import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** class-validator errors as one entry per field path, unknown fields named as such. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.entries(error.constraints).map(([rule, text]) => describe(rule, field, text)) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function describe(rule: string, field: string, text: string): string {
  if (rule === 'whitelistValidation') return `${field} is not a known field`;
  return text;
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
      const message = details.flatMap((d) => d.problems).join('; ');
      return new BadRequestException({ message, error: 'Bad Request', details });
    },
  });
}
