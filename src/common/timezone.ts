import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * An IANA timezone in its canonical spelling ("europe/amsterdam" → "Europe/Amsterdam"),
 * or undefined when the runtime's time zone database does not know it. Offsets such as
 * "+01:00" are refused: they do not follow daylight saving time.
 */
export function canonicalTimezone(name: string): string | undefined {
  const trimmed = name.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(trimmed) || /^(Etc\/)?GMT[+-]/i.test(trimmed)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function IsTimezone(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimezone',
      validator: {
        validate: (value) => value === null || (typeof value === 'string' && canonicalTimezone(value) !== undefined),
        defaultMessage: (args) =>
          `${args?.property ?? 'timezone'} must be a timezone name such as Europe/Amsterdam or America/New_York (got "${String(args?.value)}")`,
      },
    },
    options,
  );
}
