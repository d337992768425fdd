// Realistic bounce and complaint messages, shared by the parser spec and the e2e tests.
export function dsnMessage(o: {
  to: string;
  recipient: string;
  messageId: string;
  action?: string;
  status?: string;
  diagnostic?: string;
}): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    `To: ${o.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"',
    '',
    '--BOUNDARY',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    '--BOUNDARY',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    'Arrival-Date: Mon, 23 Nov 2026 10:00:00 +0000',
    '',
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Action: ${o.action ?? 'failed'}`,
    `Status: ${o.status ?? '5.1.1'}`,
    `Diagnostic-Code: smtp; ${o.diagnostic ?? '550 5.1.1 <' + o.recipient + '>: Recipient address rejected: User unknown'}`,
    '',
    '--BOUNDARY',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Webshop <news@shop.example>',
    `To: ${o.recipient}`,
    'Subject: Hoe was het?',
    `Message-ID: ${o.messageId}`,
    '',
    '--BOUNDARY--',
    '',
  ].join('\r\n');
}

export function arfMessage(o: { to: string; recipient: string; messageId: string }): string {
  return [
    'From: Abuse Desk <fbl@isp.example>',
    `To: ${o.to}`,
    'Subject: Complaint about message',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"',
    '',
    '--ARF',
    'Content-Type: text/plain',
    '',
    'This is an email abuse report.',
    '',
    '--ARF',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    `Original-Rcpt-To: ${o.recipient}`,
    '',
    '--ARF',
    'Content-Type: message/rfc822',
    '',
    'From: Webshop <news@shop.example>',
    `To: ${o.recipient}`,
    'Subject: Hoe was het?',
    `Message-ID: ${o.messageId}`,
    '',
    'Body of the original message.',
    '',
    '--ARF--',
    '',
  ].join('\r\n');
}
