import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret key behind encryption of sensitive fields and keyed hashes of tokens. Taken from
 * JIUYE_SECRET_KEY, else generated once into the data folder with mode 0600 and reused.
 */
export interface Secrets {
  key: Buffer;
  /** Keyed hash (HMAC-SHA-256, hex) for lookups of values that are stored encrypted or not at all. */
  hmac(purpose: string, value: string): string;
}

export function loadSecrets(dataDir: string, hexKey?: string): Secrets {
  let key: Buffer;
  if (hexKey) key = Buffer.from(hexKey, 'hex');
  else {
    const file = path.join(dataDir, 'secret.key');
    if (fs.existsSync(file)) key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    else {
      fs.mkdirSync(dataDir, { recursive: true });
      key = crypto.randomBytes(32);
      fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    }
  }
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (64 hexadecimal characters)');
  const sub = (purpose: string) => crypto.createHmac('sha256', key).update(`jiuye:${purpose}`).digest();
  const macKeys = new Map<string, Buffer>();
  return {
    key,
    hmac(purpose, value) {
      let k = macKeys.get(purpose);
      if (!k) macKeys.set(purpose, (k = sub(purpose)));
      return crypto.createHmac('sha256', k).update(value).digest('hex');
    },
  };
}
