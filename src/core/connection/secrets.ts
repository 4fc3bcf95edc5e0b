import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Encrypts saved passwords. Electron passes one backed by safeStorage (the OS keychain). */
export interface SecretBox {
  /** What protects the secret, shown in the connection page. */
  readonly kind: 'os-keychain' | 'local-key';
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/**
 * For `serve` mode, where no OS keychain is reachable: AES-256-GCM with a random key kept in a file only the
 * user can read. It keeps passwords out of the config file in clear; it is not a keychain.
 */
export function localKeySecretBox(keyFile: string): SecretBox {
  let key: Buffer;
  if (existsSync(keyFile)) {
    key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  } else {
    mkdirSync(dirname(keyFile), { recursive: true });
    key = randomBytes(32);
    writeFileSync(keyFile, key.toString('base64'), { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  return {
    kind: 'local-key',
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
