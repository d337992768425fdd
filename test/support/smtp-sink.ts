import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { freePort } from '../../src/platform/embedded-redis';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

type SinkVerdict = { code: number; message: string } | undefined;

/** Decides the reply to one message; undefined accepts it (250). A promise holds the reply until it settles. */
export type SinkResponder = (mail: { rcptTo: string[]; raw: Buffer }) => SinkVerdict | Promise<SinkVerdict>;

/**
 * A real SMTP server for tests: every received message is parsed with
 * mailparser so tests assert on what really arrived.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** User names of clients that authenticated (any password is accepted). */
  readonly logins: string[] = [];
  responder: SinkResponder | undefined;
  private server: SMTPServer | undefined;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens on a free port, or on `port` (the same relay coming back after goDown). */
  async start(port?: number): Promise<this> {
    this.port = port ?? (await freePort());
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        this.logins.push(auth.username ?? '');
        callback(null, { user: auth.username });
      },
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 50 * 1024 * 1024,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const rcptTo = session.envelope.rcptTo.map((r) => r.address);
          const accept = () =>
            simpleParser(raw)
              .then((parsed) => {
                const from = session.envelope.mailFrom;
                this.received.push({ envelopeFrom: from ? from.address : '', envelopeTo: rcptTo, raw, parsed });
                callback();
              })
              .catch((e: Error) => callback(e));
          const decide = (verdict: SinkVerdict) => {
            if (!verdict) return accept();
            const error = new Error(verdict.message) as Error & { responseCode: number };
            error.responseCode = verdict.code;
            return callback(error);
          };
          const verdict = this.responder?.({ rcptTo, raw });
          if (verdict instanceof Promise) void verdict.then(decide, (e: Error) => callback(e));
          else void decide(verdict);
        });
      },
    });
    // A client that dies mid-conversation resets its socket; that is not a server failure.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address));
  }

  async waitFor(count: number, timeoutMs = 30_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline)
        throw new Error(`SMTP sink received ${this.received.length} of ${count} messages within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.received;
  }

  /** The relay goes away as a crashed one does: new connections are refused and open ones are cut mid-conversation. */
  async goDown(): Promise<void> {
    const server = this.server!;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections)
      connection.close();
    await closed;
  }

  /** Back on the same port after goDown. */
  async comeBack(): Promise<void> {
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

/** A header's raw value as sent (mailparser structures some, e.g. List-*), unfolded. */
export function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}
