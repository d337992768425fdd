import { senderHeaders, senderOf } from './sender';

const defaults = { name: 'valuemail', address: 'newsletter@valuemail.localhost' };

describe('senderOf', () => {
  it.each([
    [
      'a name alone: the default address under that name',
      { fromName: 'UX Coffee', fromEmail: '' },
      { name: 'UX Coffee', address: defaults.address },
    ],
    [
      'an address alone: that address under the default name',
      { fromName: '', fromEmail: 'news@ux.example' },
      { name: 'valuemail', address: 'news@ux.example' },
    ],
    [
      'both: both',
      { fromName: 'UX Coffee', fromEmail: 'news@ux.example' },
      { name: 'UX Coffee', address: 'news@ux.example' },
    ],
    ['neither: the default', { fromName: ' ', fromEmail: '' }, defaults],
  ])('%s', (_case, fields, from) => {
    expect(senderOf({ ...fields, replyTo: null }, defaults)).toEqual({ from, replyTo: null });
  });

  it('keeps the reply-to the campaign names, and none when it names none', () => {
    expect(senderOf({ fromName: '', fromEmail: '', replyTo: 'help@ux.example' }, defaults).replyTo).toBe(
      'help@ux.example',
    );
    expect(senderHeaders(senderOf({ fromName: '', fromEmail: '', replyTo: '' }, defaults))).toEqual({ from: defaults });
  });

  it('has an empty name when neither the campaign nor MAIL_FROM names one', () => {
    expect(
      senderHeaders(
        senderOf({ fromName: '', fromEmail: '', replyTo: 'r@x.example' }, { name: '', address: 'a@x.example' }),
      ),
    ).toEqual({ from: { name: '', address: 'a@x.example' }, replyTo: 'r@x.example' });
  });
});
