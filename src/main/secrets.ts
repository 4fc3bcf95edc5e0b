import { safeStorage } from 'electron';
import { join } from 'node:path';
import { localKeySecretBox, type SecretBox } from '../core/connection/secrets';

/** safeStorage (OS keychain) where the OS offers it; otherwise a local key file, never clear text. */
export function electronSecretBox(dataDir: string): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return localKeySecretBox(join(dataDir, 'secret.key'));
  return {
    kind: 'os-keychain',
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
