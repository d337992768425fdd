import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock';
import { loadConfig } from '../../config/app-config';
import { SessionCookie } from './session-cookie';

const config = (publicUrl: string) => loadConfig({ PUBLIC_URL: publicUrl, LINK_SECRETS: 'x'.repeat(32) });
const capture = () => {
  const headers: Record<string, string> = {};
  const reply = {
    header: (name: string, value: string) => ((headers[name] = value), reply),
  } as unknown as FastifyReply;
  return { reply, headers };
};

describe('SessionCookie', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const clock: Clock = { now: () => now };
  const expiresAt = new Date(now.getTime() + 7 * 86_400_000);

  it('is httpOnly, SameSite=Lax, Path=/ and, over https only, Secure', () => {
    const https = capture();
    new SessionCookie(config('https://mail.shop.example'), clock).set(https.reply, {
      token: 'abc_DEF-123',
      csrfToken: 'c',
      expiresAt,
    });
    expect(https.headers['Set-Cookie']).toMatch(
      /^vm_session=abc_DEF-123; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=604800; Expires=/,
    );
    const http = capture();
    new SessionCookie(config('http://localhost:3000'), clock).set(http.reply, {
      token: 'abc',
      csrfToken: 'c',
      expiresAt,
    });
    expect(http.headers['Set-Cookie']).not.toContain('Secure');
  });

  it('clears with an empty value that expired long ago', () => {
    const { reply, headers } = capture();
    new SessionCookie(config('http://localhost:3000'), clock).clear(reply);
    expect(headers['Set-Cookie']).toBe(
      'vm_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
  });

  it('reads its own cookie among others and ignores values that are not a token', () => {
    const cookie = new SessionCookie(config('http://localhost:3000'), clock);
    const read = (header?: string) =>
      cookie.read({ headers: header === undefined ? {} : { cookie: header } } as FastifyRequest);
    expect(read('theme=dark; vm_session=tok_123-x; other=1')).toBe('tok_123-x');
    expect(read('vm_session_old=nope')).toBeUndefined();
    expect(read('vm_session="quoted value"')).toBeUndefined();
    expect(read()).toBeUndefined();
  });
});
