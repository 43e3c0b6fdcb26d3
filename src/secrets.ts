import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (OAuth installations, with their bot, user and refresh tokens) are sealed with
 * AES-256-GCM under a key the operator gives in TOUCHBASE_ENCRYPTION_KEY. Each sealed value records
 * the id of its key, so keys can rotate: the current key seals, previous keys still open.
 */

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** GCM's recommended nonce length; a fresh random one per seal. */
const IV_BYTES = 12;

export interface EncryptionKey {
  /** The first 8 hex characters of the key's SHA-256: names the key in each row without revealing it. */
  id: string;
  secret: Buffer;
}

/** The key that seals, and the older keys that may still open rows sealed before a rotation. */
export interface Keyring {
  current: EncryptionKey;
  previous: EncryptionKey[];
}

export interface Sealed {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyId: string;
}

/** A key or value that cannot be used; its message is one line that names the problem, never the secret. */
export class SecretError extends Error {}

/** 32 bytes written as 64 hex characters or as base64 (what `openssl rand -base64 32` prints). */
export function parseKey(text: string): EncryptionKey {
  const trimmed = text.trim();
  let secret: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) secret = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) secret = Buffer.from(trimmed, 'base64');
  if (!secret || secret.length !== KEY_BYTES) {
    throw new SecretError(
      `expected 32 random bytes as base64 (44 characters) or 64 hex characters; generate one with: openssl rand -base64 32`,
    );
  }
  return { id: createHash('sha256').update(secret).digest('hex').slice(0, 8), secret };
}

/** The current key and a comma-separated list of previous ones (either may be empty). */
export function keyring(current: string, previous = ''): Keyring {
  const currentKey = parseKey(current);
  const previousKeys = previous
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map(parseKey)
    .filter((k) => k.id !== currentKey.id);
  return { current: currentKey, previous: previousKeys };
}

/**
 * Seals `plaintext` with the current key. `context` (e.g. the row's primary key) is authenticated
 * but not stored in the ciphertext: a sealed value copied onto another row no longer opens.
 */
export function seal(keys: Keyring, plaintext: string, context: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keys.current.secret, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag(), keyId: keys.current.id };
}

/** Opens a sealed value, or throws a SecretError saying which key was missing or did not match. */
export function open(keys: Keyring, sealed: Sealed, context: string): string {
  const key = [keys.current, ...keys.previous].find((k) => k.id === sealed.keyId);
  if (!key) {
    throw new SecretError(
      `${context} is encrypted with key ${sealed.keyId}, which is neither TOUCHBASE_ENCRYPTION_KEY (${keys.current.id}) nor in TOUCHBASE_ENCRYPTION_KEY_PREVIOUS`,
    );
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key.secret, sealed.iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretError(
      `${context} does not decrypt with key ${sealed.keyId}: the stored value was altered or belongs to another row`,
    );
  }
}
