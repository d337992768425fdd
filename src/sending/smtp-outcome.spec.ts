import { classifySmtpError } from './smtp-outcome';

const smtpError = (responseCode: number | undefined, code = 'EENVELOPE') =>
  Object.assign(new Error(`${responseCode} boom`), { responseCode, code });

describe('classifySmtpError', () => {
  it.each([
    [451, 'retry'],
    [450, 'retry'],
    [421, 'transport_down'],
    [454, 'transport_down'],
    [550, 'bounce'],
    [551, 'bounce'],
    [553, 'bounce'],
    [552, 'fail'],
    [554, 'fail'],
  ])('%i → %s', (code, kind) => {
    expect(classifySmtpError(smtpError(code)).kind).toBe(kind);
  });

  it('takes connection errors as the transport being down, an unknown error without a code as a per-message retry', () => {
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EAUTH']) {
      expect(classifySmtpError(Object.assign(new Error(`failed ${code}`), { code })).kind).toBe('transport_down');
    }
    expect(classifySmtpError(new Error('something odd')).kind).toBe('retry');
  });
});
