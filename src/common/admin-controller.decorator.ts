import { applyDecorators, Controller, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

export const IS_PUBLIC = 'valuemail:public';

/** Marketer-facing API under /api, behind the API key guard. */
export function AdminController(path: string, tag: string): ClassDecorator {
  return applyDecorators(Controller(`api/${path}`), ApiTags(tag), ApiBearerAuth());
}

/** Customer-facing routes (tracking, public pages): no API key. */
export function PublicController(path: string, tag = 'public'): ClassDecorator {
  return applyDecorators(Controller(path), ApiTags(tag), SetMetadata(IS_PUBLIC, true));
}

/** One public route inside an otherwise admin controller. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
