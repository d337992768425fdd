import { ValidateBy, ValidationOptions } from 'class-validator';

// C0 and C1 controls (DEL included), and the bidi embedding/override/isolate
// characters that let a name display differently from what it is ("Trojan source").
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// Multi-line text keeps tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface PlainTextOptions {
  multiLine?: boolean;
}

/** The first forbidden character of a text, described for a marketer; undefined when the text is clean. */
export function forbiddenCharacter(text: string, { multiLine = false }: PlainTextOptions = {}): string | undefined {
  const match = (multiLine ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0x202a ? `a text-direction control character (${hex})` : `an invisible control character (${hex})`;
}

/** Names and other shown text: no control characters and no bidi overrides/isolates. Non-strings are left to @IsString. */
export function IsPlainText(textOptions: PlainTextOptions = {}, options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value) =>
          (Array.isArray(value) ? value : [value]).every(
            (v) => typeof v !== 'string' || forbiddenCharacter(v, textOptions) === undefined,
          ),
        defaultMessage: (args) => {
          const values = Array.isArray(args?.value) ? (args.value as unknown[]) : [args?.value];
          const bad = values
            .map((v) => (typeof v === 'string' ? forbiddenCharacter(v, textOptions) : undefined))
            .find(Boolean);
          return `${args?.property ?? 'text'} contains ${bad ?? 'a forbidden character'}; remove it (often pasted in by accident)`;
        },
      },
    },
    options,
  );
}
