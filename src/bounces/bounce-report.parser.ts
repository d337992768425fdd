import { simpleParser } from 'mailparser';

export type BounceClass = 'hard' | 'soft' | 'complaint';

export interface BounceReport {
  class: BounceClass;
  /** RFC 3464 status (e.g. 5.1.1) or the ARF feedback type. */
  status: string;
  diagnostic: string;
  recipient: string | undefined;
  /** Message-ID of the original message, when the report quotes it. */
  originalMessageId: string | undefined;
  /** Addresses the report was sent to (a VERP address names the delivery). */
  reportTo: string[];
}

/** "Key: value" fields of a message/delivery-status or message/feedback-report body (several groups). */
export function parseFields(text: string): Array<Map<string, string>> {
  const groups: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  let lastKey: string | undefined;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (current.size) groups.push(current);
      current = new Map();
      lastKey = undefined;
      continue;
    }
    if (/^[ \t]/.test(line) && lastKey) {
      current.set(lastKey, `${current.get(lastKey)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    lastKey = line.slice(0, colon).trim().toLowerCase();
    current.set(lastKey, line.slice(colon + 1).trim());
  }
  if (current.size) groups.push(current);
  return groups;
}

interface RawPart {
  contentType: string;
  body: string;
}

/** Top-level MIME parts of a multipart/report; mailparser folds text-like report parts into the body text. */
function reportParts(raw: string, boundary: string | undefined): RawPart[] {
  if (!boundary) return [];
  const delimiter = `--${boundary}`;
  return raw
    .split(delimiter)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .map((chunk) => {
      const text = chunk.replace(/^\r?\n/, '');
      const split = text.search(/\r?\n\r?\n/);
      const head = split >= 0 ? text.slice(0, split) : text;
      let body = split >= 0 ? text.slice(split).replace(/^\r?\n\r?\n/, '') : '';
      const contentType = /^content-type:\s*([^;\r\n]+)/im.exec(head)?.[1].trim().toLowerCase() ?? 'text/plain';
      const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1].toLowerCase();
      if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (encoding === 'quoted-printable')
        body = body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { contentType, body };
    });
}

const stripType = (value: string | undefined): string | undefined => value?.replace(/^[a-z0-9-]+;\s*/i, '').trim();

function messageIdIn(text: string): string | undefined {
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(text)?.[1];
}

/**
 * Reads an RFC 3464 delivery status notification or an RFC 5965 ARF complaint.
 * Returns undefined for anything else (auto-replies, plain mail).
 */
export async function parseBounceReport(raw: Buffer | string): Promise<BounceReport | undefined> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const contentType = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase() !== 'multipart/report') return undefined;
  const parts = reportParts(typeof raw === 'string' ? raw : raw.toString('utf8'), contentType.params?.boundary);
  const partOf = (type: string) => parts.find((p) => p.contentType === type);
  const quoted = partOf('message/rfc822') ?? partOf('text/rfc822-headers');
  const quotedText = quoted?.body ?? '';
  const reportTo = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [])
    .flatMap((a) => a.value.map((v) => v.address ?? ''))
    .filter(Boolean);

  const feedback = partOf('message/feedback-report');
  if (feedback) {
    const [fields] = parseFields(feedback.body);
    return {
      class: 'complaint',
      status: fields?.get('feedback-type') ?? 'abuse',
      diagnostic: mail.subject ?? '',
      recipient: stripType(fields?.get('original-rcpt-to')),
      originalMessageId: messageIdIn(quotedText),
      reportTo,
    };
  }
  const dsn = partOf('message/delivery-status');
  if (!dsn) return undefined;
  const groups = parseFields(dsn.body);
  const recipientFields = groups.find((g) => g.has('action') || g.has('status')) ?? new Map<string, string>();
  const action = (recipientFields.get('action') ?? '').toLowerCase();
  const status = /\d\.\d{1,3}\.\d{1,3}/.exec(recipientFields.get('status') ?? '')?.[0] ?? '';
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return undefined;
  const permanent = action === 'failed' && status.startsWith('5');
  return {
    class: permanent ? 'hard' : 'soft',
    status: status || action,
    diagnostic: stripType(recipientFields.get('diagnostic-code')) ?? '',
    recipient: stripType(recipientFields.get('final-recipient') ?? recipientFields.get('original-recipient')),
    originalMessageId: messageIdIn(quotedText),
    reportTo,
  };
}
