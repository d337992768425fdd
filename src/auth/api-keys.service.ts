import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { NotFoundException } from '../common/domain.exception';
import { ApiKey } from './api-key.entity';

export interface CreatedApiKey {
  id: number;
  name: string;
  prefix: string;
  key: string;
}

const KEY_PATTERN = /^vm_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{32,64})$/;
// Writing last_used_at on every request would turn reads into writes.
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

function randomAlnum(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    if (bytes[i] < 256 - (256 % alphabet.length)) out += alphabet[bytes[i] % alphabet.length];
  }
  return out.length === length ? out : randomAlnum(length);
}

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly clock: Clock,
  ) {}

  async create(name: string): Promise<CreatedApiKey> {
    const prefix = randomAlnum(12);
    const key = `vm_${prefix}_${randomBytes(24).toString('base64url')}`;
    const saved = await this.keys.save(this.keys.create({ name, prefix, hash: sha256(key) }));
    return { id: saved.id, name, prefix, key };
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { id: 'ASC' } });
  }

  async revoke(id: number): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw new NotFoundException('API key', id);
    if (!key.revokedAt) {
      key.revokedAt = this.clock.now();
      await this.keys.save(key);
    }
    return key;
  }

  /** The key's record when the presented key is valid and not revoked. */
  async verify(presented: string): Promise<ApiKey | null> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return null;
    const key = await this.keys.findOneBy({ prefix: match[1], revokedAt: IsNull() });
    if (!key) return null;
    const expected = Buffer.from(key.hash, 'hex');
    const actual = Buffer.from(sha256(presented), 'hex');
    if (!timingSafeEqual(expected, actual)) return null;
    const now = this.clock.now();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.update({ id: key.id }, { lastUsedAt: now });
    }
    return key;
  }
}
