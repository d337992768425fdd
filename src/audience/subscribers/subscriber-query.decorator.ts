import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from '../../common/validation.pipe';
import { ListSubscribersQueryDto } from '../dto/subscriber.dto';

// `attr.city=Utrecht` arrives as a flat key; gather those under `attr` so the DTO can validate them.
const gather = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const query = (ctx.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<string, string>;
  const out: Record<string, unknown> = {};
  const attr: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('attr.')) attr[key.slice(5)] = String(value);
    else out[key] = value;
  }
  if (Object.keys(attr).length) out.attr = attr;
  return out;
});

@Injectable()
class ValidateListQuery implements PipeTransform {
  private readonly pipe = createValidationPipe();
  transform(value: unknown): Promise<ListSubscribersQueryDto> {
    return this.pipe.transform(value, { type: 'query', metatype: ListSubscribersQueryDto });
  }
}

export const SubscriberListQuery = (): ParameterDecorator => gather(ValidateListQuery);
