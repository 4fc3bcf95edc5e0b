import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** A CA bundle larger than this is not a CA bundle (the system's own is ~200 kB). */
const MAX_CA_BYTES = 1024 * 1024;
const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';

/**
 * The PEM text of a CA bundle file, for `--tls-ca` and a config's `tlsCaFile`; `what` names where the path came
 * from in the errors, which are thrown before anything connects.
 */
export function readCaFile(path: string, what: string): string {
  let text: string;
  try {
    if (statSync(path).size > MAX_CA_BYTES) throw new Error(`larger than ${MAX_CA_BYTES} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${what}: cannot read the CA file ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (!text.includes(PEM_BEGIN))
    throw new Error(`${what}: ${path} is not a PEM CA certificate (no "${PEM_BEGIN}" line)`);
  try {
    // Checks the first certificate of the bundle; TLS would otherwise refuse a broken one only when connecting.
    new X509Certificate(text);
  } catch (err) {
    throw new Error(
      `${what}: ${path} holds a PEM certificate that does not parse: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return text;
}
