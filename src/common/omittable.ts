import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out, but not sent as null: its other rules then
 * refuse null with their own message (class-validator's IsOptional lets null
 * through to the service, where it breaks a NOT NULL column). Fields where
 * null means "clear it" keep IsOptional and say nullable in their schema.
 */
export const IsOmittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
