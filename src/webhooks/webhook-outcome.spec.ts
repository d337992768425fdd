import { judgeAttempt } from './webhook-outcome';

const answer = (statusCode: number | null, error: string | null = null, location: string | null = null) => ({
  statusCode,
  error,
  location,
});

describe('judgeAttempt', () => {
  it('delivers on any 2xx', () => {
    for (const code of [200, 201, 202, 204, 299])
      expect(judgeAttempt(answer(code), 1, 8)).toEqual({ kind: 'delivered' });
  });

  it('stops at 410 Gone on the first attempt', () => {
    expect(judgeAttempt(answer(410), 1, 8)).toEqual({ kind: 'gone', error: 'HTTP 410' });
  });

  it('retries other statuses, timeouts and refusals until the attempts run out', () => {
    expect(judgeAttempt(answer(500), 1, 8)).toEqual({ kind: 'retry', error: 'HTTP 500' });
    expect(judgeAttempt(answer(404), 7, 8)).toEqual({ kind: 'retry', error: 'HTTP 404' });
    expect(judgeAttempt(answer(null, 'no answer within 10000 ms'), 2, 8)).toEqual({
      kind: 'retry',
      error: 'no answer within 10000 ms',
    });
    expect(judgeAttempt(answer(503), 8, 8)).toEqual({ kind: 'failed', error: 'HTTP 503' });
    expect(judgeAttempt(answer(500), 1, 1)).toEqual({ kind: 'failed', error: 'HTTP 500' });
  });

  it('does not follow redirects and says so', () => {
    expect(judgeAttempt(answer(301, null, 'https://new.example/hook'), 1, 8)).toEqual({
      kind: 'retry',
      error: 'HTTP 301: redirects are not followed (to https://new.example/hook); use the final URL',
    });
  });
});
