import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';

/** What one recipient message's links carry: every public link of that message shares one token. */
export interface LinkClaims {
  campaignId: number;
  deliveryId: number;
  subscriberId: number;
}

const VERSION = 1;
// Purpose tokens (e.g. double opt-in confirm) carry their own version byte, and
// their MAC covers the purpose, so a token of one kind never verifies as another.
const PAYLOAD_VERSION = 2;
const MAX_PAYLOAD_IDS = 8;
const MAC_BYTES = 12;
const MAX_TOKEN_LENGTH = 128;

function writeVarint(value: number, out: number[]): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function readVarints(buffer: Buffer, count: number): number[] | undefined {
  const values: number[] = [];
  let offset = 0;
  for (let n = 0; n < count; n++) {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (offset >= buffer.length || scale > 2 ** 49) return undefined;
      const byte = buffer[offset++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    values.push(value);
  }
  return offset === buffer.length ? values : undefined;
}

// The last base64url character of a token carries unused bits, so several
// spellings decode to the same bytes; only the one we issue is accepted.
function canonicalBytes(token: string): Buffer | undefined {
  const raw = Buffer.from(token, 'base64url');
  return raw.toString('base64url') === token ? raw : undefined;
}

/**
 * The one link signer: a compact URL-safe token, version byte + varint ids +
 * truncated HMAC-SHA256. The first LINK_SECRETS entry signs; all are accepted,
 * so keys can be rotated with a grace period.
 */
@Injectable()
export class LinkTokenService {
  private readonly keys: Buffer[];

  constructor(@InjectConfig() config: AppConfig) {
    this.keys = config.linkSecrets.map((secret) => Buffer.from(secret, 'utf8'));
  }

  sign(claims: LinkClaims): string {
    const body: number[] = [VERSION];
    writeVarint(claims.campaignId, body);
    writeVarint(claims.deliveryId, body);
    writeVarint(claims.subscriberId, body);
    const payload = Buffer.from(body);
    return Buffer.concat([payload, this.mac(this.keys[0], payload)]).toString('base64url');
  }

  /** The claims of a genuine token, or undefined for anything forged, truncated or malformed. */
  verify(token: string): LinkClaims | undefined {
    if (
      typeof token !== 'string' ||
      token.length < 16 ||
      token.length > MAX_TOKEN_LENGTH ||
      !/^[A-Za-z0-9_-]+$/.test(token)
    )
      return undefined;
    const raw = canonicalBytes(token);
    if (!raw || raw.length <= MAC_BYTES + 1 || raw[0] !== VERSION) return undefined;
    const payload = raw.subarray(0, raw.length - MAC_BYTES);
    const presented = raw.subarray(raw.length - MAC_BYTES);
    const genuine = this.keys.some((key) => timingSafeEqual(this.mac(key, payload), presented));
    if (!genuine) return undefined;
    const ids = readVarints(payload.subarray(1), 3);
    if (!ids) return undefined;
    return { campaignId: ids[0], deliveryId: ids[1], subscriberId: ids[2] };
  }

  /** A short lowercase hex signature of a text (VERP and mailto addresses, whose local part may lose case). */
  tag(text: string): string {
    return this.mac(this.keys[0], Buffer.from(text, 'utf8')).subarray(0, 6).toString('hex');
  }

  verifyTag(text: string, tag: string): boolean {
    if (!/^[0-9a-f]{12}$/.test(tag)) return false;
    const presented = Buffer.from(tag, 'hex');
    return this.keys.some((key) => timingSafeEqual(this.mac(key, Buffer.from(text, 'utf8')).subarray(0, 6), presented));
  }

  /** A signed token for a non-message link: `purpose` names what it is for, `ids` what it points at. */
  signPayload(purpose: string, ids: number[]): string {
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(purpose)) throw new Error(`invalid token purpose "${purpose}"`);
    if (ids.length === 0 || ids.length > MAX_PAYLOAD_IDS || ids.some((id) => !Number.isSafeInteger(id) || id < 0)) {
      throw new Error('a token carries 1 to 8 non-negative integer ids');
    }
    const body: number[] = [PAYLOAD_VERSION, ids.length];
    for (const id of ids) writeVarint(id, body);
    const payload = Buffer.from(body);
    return Buffer.concat([payload, this.purposeMac(this.keys[0], purpose, payload)]).toString('base64url');
  }

  /** The ids of a genuine token signed for `purpose`, or undefined. */
  verifyPayload(purpose: string, token: string): number[] | undefined {
    if (
      typeof token !== 'string' ||
      token.length < 16 ||
      token.length > MAX_TOKEN_LENGTH ||
      !/^[A-Za-z0-9_-]+$/.test(token)
    )
      return undefined;
    const raw = canonicalBytes(token);
    if (!raw || raw.length <= MAC_BYTES + 2 || raw[0] !== PAYLOAD_VERSION) return undefined;
    const payload = raw.subarray(0, raw.length - MAC_BYTES);
    const presented = raw.subarray(raw.length - MAC_BYTES);
    const genuine = this.keys.some((key) => timingSafeEqual(this.purposeMac(key, purpose, payload), presented));
    if (!genuine) return undefined;
    const count = payload[1];
    if (count < 1 || count > MAX_PAYLOAD_IDS) return undefined;
    return readVarints(payload.subarray(2), count);
  }

  /** A stable pseudonym (32 hex) for something that must not be named in public, e.g. an entry in a published draw. */
  pseudonym(purpose: string, text: string): string {
    return createHmac('sha256', this.keys[0])
      .update(`pseudonym:${purpose}`)
      .update('\0')
      .update(text, 'utf8')
      .digest()
      .subarray(0, 16)
      .toString('hex');
  }

  private purposeMac(key: Buffer, purpose: string, payload: Buffer): Buffer {
    return createHmac('sha256', key).update(purpose).update('\0').update(payload).digest().subarray(0, MAC_BYTES);
  }

  private mac(key: Buffer, payload: Buffer): Buffer {
    return createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);
  }
}
