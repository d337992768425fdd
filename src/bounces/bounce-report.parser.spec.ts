import { parseBounceReport } from './bounce-report.parser';
import { arfMessage, dsnMessage } from './fixtures';

describe('parseBounceReport', () => {
  const base = {
    to: 'bounces+42-0123456789ab@shop.example',
    recipient: 'anna@example.nl',
    messageId: '<d42.c7@shop.example>',
  };

  it('reads a hard bounce DSN with its status, recipient and original Message-ID', async () => {
    const report = await parseBounceReport(dsnMessage(base));
    expect(report).toEqual({
      class: 'hard',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <anna@example.nl>: Recipient address rejected: User unknown',
      recipient: 'anna@example.nl',
      originalMessageId: '<d42.c7@shop.example>',
      reportTo: ['bounces+42-0123456789ab@shop.example'],
    });
  });

  it('classifies delayed and 4.x.x failures as soft', async () => {
    expect((await parseBounceReport(dsnMessage({ ...base, action: 'delayed', status: '4.4.7' })))?.class).toBe('soft');
    expect((await parseBounceReport(dsnMessage({ ...base, action: 'failed', status: '4.2.2' })))?.class).toBe('soft');
  });

  it('ignores successful delivery notifications', async () => {
    expect(await parseBounceReport(dsnMessage({ ...base, action: 'delivered', status: '2.0.0' }))).toBeUndefined();
  });

  it('reads an ARF complaint', async () => {
    const report = await parseBounceReport(arfMessage(base));
    expect(report).toMatchObject({
      class: 'complaint',
      status: 'abuse',
      recipient: 'anna@example.nl',
      originalMessageId: '<d42.c7@shop.example>',
    });
  });

  it('returns undefined for an ordinary message', async () => {
    expect(
      await parseBounceReport('From: a@b.c\r\nTo: d@e.f\r\nSubject: out of office\r\n\r\nI am away.'),
    ).toBeUndefined();
  });
});
