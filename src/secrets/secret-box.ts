import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;

/** Why a stored secret cannot be read: no key configured, a key we do not hold, or a value that was altered. */
export class SecretUnreadableError extends Error {
  constructor(
    readonly reason: 'no_key' | 'unknown_key' | 'tampered',
    message: string,
  ) {
    super(message);
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

function deriveKey(secret: string): Key {
  const bytes = Buffer.from(hkdfSync('sha256', secret, 'valuemail secrets at rest', 'aes-256-gcm', 32));
  // A short public fingerprint: which key sealed a value, without revealing the key.
  const id = createHmac('sha256', bytes).update('key id').digest('hex').slice(0, 12);
  return { id, bytes };
}

/**
 * AES-256-GCM for secrets kept in the database. A sealed value reads
 * `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts); the purpose
 * ("dkim.privateKey", "webhook.secret") is authenticated with it, so a value
 * moved to another column does not open. The first key seals; every key opens.
 */
export class SecretBox {
  private readonly keys: Key[];

  constructor(secrets: readonly string[]) {
    this.keys = secrets.map(deriveKey);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  /** The fingerprint of the key that sealed `value`, or undefined for a plain value. */
  static keyIdOf(value: string): string | undefined {
    return SecretBox.isSealed(value) ? value.slice(PREFIX.length).split(':')[0] : undefined;
  }

  get currentKeyId(): string | undefined {
    return this.keys[0]?.id;
  }

  holds(keyId: string): boolean {
    return this.keys.some((k) => k.id === keyId);
  }

  seal(plain: string, purpose: string): string {
    const key = this.keys[0];
    if (!key)
      throw new SecretUnreadableError(
        'no_key',
        'no APP_SECRET is configured, so secrets cannot be stored encrypted (set APP_SECRET or APP_SECRET_FILE)',
      );
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${key.id}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${body.toString('base64url')}`;
  }

  /** The plain value; a value stored before encryption existed is returned as it is. */
  open(stored: string, purpose: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [keyId, iv, tag, body] = stored.slice(PREFIX.length).split(':');
    const key = this.keys.find((k) => k.id === keyId);
    if (!key) {
      throw new SecretUnreadableError(
        this.keys.length ? 'unknown_key' : 'no_key',
        `a stored secret was encrypted with key ${keyId}, which is neither APP_SECRET nor one of APP_SECRET_PREVIOUS`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv ?? '', 'base64url'));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError(
        'tampered',
        `a stored secret (${purpose}) does not decrypt: it was altered or belongs elsewhere`,
      );
    }
  }
}
