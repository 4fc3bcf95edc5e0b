import { resolve } from 'node:path';
import type { ProjectRedis, TlsFlags } from '../core/config/redis';
import { readCaFile } from '../core/connection/ca-file';
import { testConnection } from '../core/connection/test-connection';
import { isCertificateFailure, type TlsHint } from '../core/connection/tls-failure';

/** The TLS options every command that takes a Redis shares, for node:util's parseArgs. */
export const TLS_FLAGS = {
  tls: { type: 'boolean', default: false },
  'tls-ca': { type: 'string' },
  'tls-skip-verify': { type: 'boolean', default: false },
} as const;

export const TLS_FLAGS_HELP = `  --tls          TLS to the Redis (and to the sentinels)
  --tls-ca FILE  the PEM CA bundle that signed the servers' certificates (implies --tls)
  --tls-skip-verify
                 accept any certificate: for a local self-signed set-up only (implies --tls)`;

/** The TLS flags, the CA file read and checked: a clear error before anything connects. */
export function tlsFlags(values: {
  tls?: boolean;
  'tls-ca'?: string;
  'tls-skip-verify'?: boolean;
}): TlsFlags {
  const file = values['tls-ca'] === undefined ? undefined : resolve(values['tls-ca']);
  return {
    tls: values.tls === true,
    skipVerify: values['tls-skip-verify'] === true,
    ...(file ? { ca: { pem: readCaFile(file, '--tls-ca'), file } } : {}),
  };
}

/** The line printed when certificates go unchecked: loud, since nothing else shows it. */
export function skipVerifyWarning(from: string): string {
  return `WARNING: TLS certificates are NOT verified (${from}): anyone on the way to Redis can pose as it and read the traffic; for a local set-up only.`;
}

/** The TLS remedies as the command line gives them, naming the CA file in use. */
export function cliTlsHint(redis: ProjectRedis): TlsHint {
  return {
    ca: '--tls-ca FILE',
    skip: '--tls-skip-verify',
    ...(redis.caFile ? { caFile: redis.caFile } : {}),
  };
}

/**
 * Over TLS, one test connection first: a certificate the CA does not cover fails the command at once, with what
 * to do, where the worker would retry it for ever. A Redis that is only down does not: it may come up later.
 */
export async function checkCertificate(redis: ProjectRedis): Promise<void> {
  if (!redis.target.tls) return;
  const hint = cliTlsHint(redis);
  const outcome = await testConnection(redis.target, {}, hint);
  if (!outcome.ok && outcome.error && isCertificateFailure(outcome.error))
    throw new Error(`${redis.shown}: ${outcome.error}`);
}
