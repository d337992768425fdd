import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { DkimDto } from './dto/settings.dto';
import { SecretBox } from '../secrets/secret-box';
import { DKIM_KEY_PURPOSE, DkimKey, EffectiveSettings, SETTING_KEYS } from './effective-settings';
import { SettingsException } from './settings.exception';
import { SettingsStore } from './settings.store';

const MIN_RSA_BITS = 1024;

/** The DKIM key: shown as the DNS record to publish, replaced by a PEM an admin pastes or by a freshly generated pair. */
@Injectable()
export class DkimKeyService {
  constructor(
    private readonly store: SettingsStore,
    private readonly effective: EffectiveSettings,
    private readonly box: SecretBox,
  ) {}

  async get(): Promise<DkimDto> {
    const current = await this.effective.dkim();
    if (!current)
      return {
        enabled: false,
        source: null,
        domain: null,
        selector: null,
        keyBits: null,
        publicKey: null,
        dnsRecord: null,
      };
    return describe(current.key, current.source);
  }

  async put(input: { domain: string; selector: string; privateKey: string }): Promise<DkimDto> {
    const key = parsePrivateKey(input.privateKey);
    return this.save({ domainName: input.domain.toLowerCase(), keySelector: input.selector, privateKey: pem(key) });
  }

  async generate(input: { domain: string; selector: string }): Promise<DkimDto> {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.save({
      domainName: input.domain.toLowerCase(),
      keySelector: input.selector,
      privateKey: pem(privateKey),
    });
  }

  /** Back to DKIM_* from the environment, or no signing. */
  async remove(): Promise<DkimDto> {
    await this.store.delete(SETTING_KEYS.dkim);
    return this.get();
  }

  private async save(key: DkimKey): Promise<DkimDto> {
    await this.store.set(SETTING_KEYS.dkim, { ...key, privateKey: this.box.seal(key.privateKey, DKIM_KEY_PURPOSE) });
    return describe(key, 'settings');
  }
}

function pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function parsePrivateKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text.replace(/\\n/g, '\n').trim(), format: 'pem' });
  } catch {
    throw new SettingsException(
      'invalid_dkim_key',
      'privateKey is not a readable PEM private key (it starts with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----, without a passphrase)',
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new SettingsException(
      'invalid_dkim_key',
      `privateKey must be an RSA key (got ${key.asymmetricKeyType ?? 'another type'}); most receivers check only RSA DKIM signatures`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS)
    throw new SettingsException(
      'invalid_dkim_key',
      `privateKey has ${bits} bits; receivers ignore DKIM keys under ${MIN_RSA_BITS} bits (use 2048)`,
    );
  return key;
}

function describe(key: DkimKey, source: 'settings' | 'environment'): DkimDto {
  const privateKey = createPrivateKey(key.privateKey);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    enabled: true,
    source,
    domain: key.domainName,
    selector: key.keySelector,
    keyBits: privateKey.asymmetricKeyDetails?.modulusLength ?? null,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    dnsRecord: {
      name: `${key.keySelector}._domainkey.${key.domainName}`,
      type: 'TXT',
      value: `v=DKIM1; k=rsa; p=${der}`,
    },
  };
}
