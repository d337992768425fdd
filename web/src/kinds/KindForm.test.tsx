import { useForm } from '@mantine/form';
import { act, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { renderWithApp } from '../test/render';
import {
  formPathOf,
  initialValues,
  type ComposerForm,
  type ComposerValues,
} from '../features/campaigns/composer-values';
import { KindForm } from './KindForm';

let captured: ComposerForm | undefined;

function Harness({ kind }: { kind: 'poll' | 'knowledge' }) {
  const form = useForm<ComposerValues>({ initialValues: initialValues(kind) });
  useEffect(() => {
    captured = form;
  });
  return <KindForm kind={kind} form={form} />;
}

/** What the composer does with a refused save: details → form paths → messages next to the inputs. */
function applyServerError(form: ComposerForm, error: ApiError) {
  form.setErrors(
    Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [formPathOf(field), message])),
  );
}

describe('kind forms show the API’s validation messages next to the fields', () => {
  it('poll: the question', () => {
    renderWithApp(<Harness kind="poll" />);
    act(() =>
      applyServerError(
        captured!,
        new ApiError({
          statusCode: 400,
          error: 'Bad Request',
          message: '…',
          code: 'invalid_content',
          details: [{ field: 'content.question', problems: ['Write at least one character'] }],
        }),
      ),
    );
    const input = screen.getByRole('textbox', { name: /^Question/ });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    const message = describedBy
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(message).toContain('Write at least one character');
  });

  it('knowledge: a field of the second item', () => {
    renderWithApp(<Harness kind="knowledge" />);
    act(() =>
      captured!.insertListItem('content.items', {
        title: '',
        summary: '',
        url: '',
        imageUrl: '',
        topic: '',
        type: 'article',
      }),
    );
    act(() =>
      applyServerError(
        captured!,
        new ApiError({
          statusCode: 400,
          error: 'Bad Request',
          message: '…',
          code: 'invalid_content',
          details: [{ field: 'content.items.1.url', problems: ['url must be a URL address'] }],
        }),
      ),
    );
    const links = screen.getAllByRole('textbox', { name: /^Link/ });
    expect(links).toHaveLength(2);
    expect(links[0].getAttribute('aria-invalid')).not.toBe('true');
    expect(links[1].getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Must be a URL address')).toBeTruthy();
  });
});
