import type { AppConfig } from '../config/app-config';
import { ResolvedAddress, WebhookDns, WebhookTargetGuard } from './webhook-target.guard';

class AnsweringDns extends WebhookDns {
  constructor(private readonly answers: Record<string, ResolvedAddress[]>) {
    super();
  }
  override async lookup(hostname: string): Promise<ResolvedAddress[]> {
    const answer = this.answers[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  }
}

const guard = (answers: Record<string, ResolvedAddress[]>, webhooks: Partial<AppConfig['webhooks']> = {}) =>
  new WebhookTargetGuard(new AnsweringDns(answers), {
    webhooks: { allowPrivate: false, allowedCidrs: [], ...webhooks },
  } as AppConfig);

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });

describe('WebhookTargetGuard', () => {
  const dns = {
    'hooks.example.com': [v4('93.184.215.14')],
    'intranet.example.com': [v4('10.0.0.5')],
    'mixed.example.com': [v4('93.184.215.14'), { address: '::1', family: 6 as const }],
  };

  it('accepts a public host and hands back the address to connect to', async () => {
    const check = await guard(dns).check('https://hooks.example.com/in?x=1');
    expect(check).toMatchObject({ ok: true, address: { address: '93.184.215.14', family: 4 } });
  });

  it.each([
    ['http://127.0.0.1:8080/x', 'The webhook URL points to 127.0.0.1, a loopback address (this machine).'],
    ['http://10.0.0.1/x', 'The webhook URL points to 10.0.0.1, an address on a private network.'],
    [
      'http://169.254.169.254/latest/meta-data',
      'The webhook URL points to 169.254.169.254, a link-local address (used for cloud metadata services).',
    ],
    ['http://[::1]:3000/', 'The webhook URL points to ::1, a loopback address (this machine).'],
    ['http://[::ffff:127.0.0.1]/', 'The webhook URL points to ::ffff:7f00:1, a loopback address (this machine).'],
    [
      'http://intranet.example.com/',
      'The host intranet.example.com of the webhook URL resolves to 10.0.0.5, an address on a private network.',
    ],
    [
      'http://mixed.example.com/',
      'The host mixed.example.com of the webhook URL resolves to ::1, a loopback address (this machine).',
    ],
  ])('refuses %s with a sentence', async (url, sentence) => {
    const check = await guard(dns).check(url);
    expect(check).toEqual({
      ok: false,
      code: 'target_refused',
      message: `${sentence} Webhooks may only call addresses on the public internet; an operator can allow private targets with WEBHOOKS_ALLOW_PRIVATE=true or WEBHOOKS_ALLOWED_CIDRS.`,
    });
  });

  it('refuses other schemes, nonsense and unknown hosts', async () => {
    expect(await guard(dns).check('ftp://hooks.example.com/')).toMatchObject({
      ok: false,
      code: 'invalid_url',
      message: 'The webhook URL must start with http:// or https:// (got "ftp://…")',
    });
    expect(await guard(dns).check('hooks.example.com/in')).toMatchObject({ ok: false, code: 'invalid_url' });
    expect(await guard(dns).check('https://nowhere.example.com/')).toMatchObject({
      ok: false,
      code: 'host_not_found',
      message: 'The host nowhere.example.com of the webhook URL could not be found (DNS: ENOTFOUND)',
    });
  });

  it('lets the operator open private targets, all or by range', async () => {
    expect(await guard(dns, { allowPrivate: true }).check('http://127.0.0.1:9/')).toMatchObject({ ok: true });
    const ranged = guard(dns, { allowedCidrs: ['10.0.0.0/24'] });
    expect(await ranged.check('http://intranet.example.com/')).toMatchObject({
      ok: true,
      address: { address: '10.0.0.5' },
    });
    expect(await ranged.check('http://10.0.1.1/')).toMatchObject({ ok: false, code: 'target_refused' });
  });
});
