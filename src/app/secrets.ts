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
  const macs = new Map<string, (value: string) => string>();
  return {
    key,
    hmac(purpose, value) {
      let mac = macs.get(purpose);
      if (!mac) macs.set(purpose, (mac = hmacWithKey(crypto.createHmac('sha256', key).update(`jiuye:${purpose}`).digest())));
      return mac(value);
    },
  };
}

/**
 * HMAC-SHA-256 (hex) under a key of at most 64 bytes, from its padded keys and the one-shot hash
 * (RFC 2104): the same bytes as `createHmac`, without setting up a keyed context for every value,
 * which cost most of hashing one token, phone or ID number. Checked against `createHmac` once.
 */
export function hmacWithKey(key: Buffer): (value: string) => string {
  if (key.length > 64) throw new Error('An HMAC key longer than the hash block is hashed first; not needed here');
  let inner: Buffer = Buffer.alloc(64 + 256, 0x36);
  const outer = Buffer.alloc(64 + 32, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i] ^= key[i]!;
    outer[i] ^= key[i]!;
  }
  const mac = (value: string): string => {
    if (value.length * 3 > inner.length - 64) {
      const bigger = Buffer.alloc(64 + value.length * 3);
      inner.copy(bigger, 0, 0, 64);
      inner = bigger;
    }
    const n = inner.write(value, 64, 'utf8');
    crypto.hash('sha256', inner.subarray(0, 64 + n), 'buffer').copy(outer, 64);
    return crypto.hash('sha256', outer, 'hex');
  };
  for (const probe of ['140225198001010011', '13912345678', '', '王'.repeat(200)]) {
    if (mac(probe) !== crypto.createHmac('sha256', key).update(probe).digest('hex')) return (v) => crypto.createHmac('sha256', key).update(v).digest('hex');
  }
  return mac;
}
