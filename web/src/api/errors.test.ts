import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrorsOf, segmentProblemsOf, tidyProblem } from './errors';

describe('API errors → field messages', () => {
  it('maps the validation pipe details to form paths, without repeating the field name', () => {
    // What POST /api/campaigns answers for bad kind content (src/templates/template.exception.ts).
    const error = new ApiError({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_content',
      message: 'The content is not valid for a knowledge campaign: …',
      details: [
        { field: 'content.items.0.url', problems: ['url must be a URL address'] },
        {
          field: 'content.intro',
          problems: [
            'Write at least one character',
            'intro contains an invisible control character (U+0007); remove it (often pasted in by accident)',
          ],
        },
        { field: 'audience.listIds', problems: ['each value in listIds must be a positive number'] },
      ],
    });
    expect(error.fieldErrors).toEqual({
      'content.items.0.url': 'Must be a URL address',
      'content.intro':
        'Write at least one character; Contains an invisible control character (U+0007); remove it (often pasted in by accident)',
      'audience.listIds': 'Each value in listIds must be a positive number',
    });
  });

  it('strips a prefix when the form is one level down', () => {
    expect(
      fieldErrorsOf([{ field: 'brand.color', problems: ['color must be a hex colour like #0f766e'] }], {
        stripPrefix: 'brand.',
      }),
    ).toEqual({
      color: 'Must be a hex colour like #0f766e',
    });
  });

  it('ignores details that are not field problems', () => {
    expect(fieldErrorsOf(undefined)).toEqual({});
    expect(fieldErrorsOf(['all[0].value: nope'])).toEqual({});
    expect(fieldErrorsOf({ problems: [] })).toEqual({});
  });

  it('keeps a problem that does not start with the field name, as a sentence', () => {
    expect(tidyProblem('name is not a known field', 'content.title')).toBe('Name is not a known field');
  });

  it('splits segment problems into clause path and key', () => {
    expect(
      segmentProblemsOf([
        'all[0].value: unknown status "gone"',
        'all[1].any[0].field: unknown field "x"',
        'not.all[0].op: operator "gt" does not apply',
        'field: bad',
      ]),
    ).toEqual([
      { path: 'all[0]', key: 'value', message: 'unknown status "gone"' },
      { path: 'all[1].any[0]', key: 'field', message: 'unknown field "x"' },
      { path: 'not.all[0]', key: 'op', message: 'operator "gt" does not apply' },
      { path: '(root)', key: 'field', message: 'bad' },
    ]);
  });
});
