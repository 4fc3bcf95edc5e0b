import { dirname, resolve } from 'node:path';
import type { TestTarget } from '../../shared/contract';
import { readCaFile } from '../connection/ca-file';
import type { SharedOptions } from '../connection/client-factory';
import { sharedTargetOptions, wantsTls } from '../connection/target-options';
import type { LoadedConfig } from './load';
import type { ProjectConnection } from './schema';

export interface ProjectRedis {
  /** What the worker's and beat's clients open (a Cluster when it names cluster nodes). */
  options: SharedOptions;
  /** The target as printed: never with a password. */
  shown: string;
  /** The target itself (what a connection test takes). */
  target: TestTarget;
  /** The CA file in use, for messages about the server's certificate. */
  caFile?: string;
  /** Where skip-verify was asked for ("--tls-skip-verify", or the config's tlsSkipVerify), if it was. */
  skipVerifyFrom?: string;
}

/** What the command line says about TLS, over the target's own choices. */
export interface TlsFlags {
  tls?: boolean;
  /** A CA bundle already read (`pem`) from `file`. */
  ca?: { pem: string; file: string };
  skipVerify?: boolean;
}

/**
 * The Redis a headless worker or beat uses: the one the command line names (`flag`), else REDIS_URL, else the
 * config's connection (its `tlsCaFile` read here). `tls` (true, or the TLS flags) applies to whichever it is; a
 * CA or skip-verify means TLS, as on a cluster or Sentinel.
 */
export function projectRedis(
  loaded: LoadedConfig,
  flag: TestTarget | null,
  tls: boolean | TlsFlags = false,
  env = process.env,
): ProjectRedis {
  const flags: TlsFlags = typeof tls === 'boolean' ? { tls } : tls;
  const fromConfig = !flag && !env.REDIS_URL && loaded.config.connection;
  const chosen = flag ?? (env.REDIS_URL ? { mode: 'url', url: env.REDIS_URL } : loaded.config.connection);
  if (!chosen)
    throw new Error(
      `no Redis to use: pass --redis URL, --cluster or --sentinel, set REDIS_URL, or add "connection" to ${loaded.path}`,
    );
  const { target: fromFile, caFile } = withConfigCa(chosen, loaded.path);
  const target = withEnvCredentials(fromFile, env);
  let skipVerifyFrom = target.tlsSkipVerify && fromConfig ? `tlsSkipVerify in ${loaded.path}` : undefined;
  if (flags.ca) target.tlsCa = flags.ca.pem;
  if (flags.skipVerify) {
    target.tlsSkipVerify = true;
    skipVerifyFrom = '--tls-skip-verify';
  }
  if (flags.tls || wantsTls(target)) target.tls = true;
  const { shared, shown } = sharedTargetOptions(target);
  return {
    options: shared,
    shown,
    target,
    ...((flags.ca?.file ?? caFile) ? { caFile: flags.ca?.file ?? caFile } : {}),
    ...(skipVerifyFrom ? { skipVerifyFrom } : {}),
  };
}

/** A target without the config-only `tlsCaFile`, its CA read from that file (relative to the config). */
function withConfigCa(
  chosen: TestTarget | ProjectConnection,
  configPath: string,
): { target: TestTarget; caFile?: string } {
  const { tlsCaFile, ...target } = chosen as ProjectConnection;
  if (!tlsCaFile) return { target };
  const file = resolve(dirname(configPath), tlsCaFile);
  return {
    target: { ...target, tlsCa: readCaFile(file, `${configPath}: connection.tlsCaFile`) },
    caFile: file,
  };
}

/** Where the environment gives credentials, by the target field they fill. */
const DATA_ENV = { username: 'REDIS_USERNAME', password: 'REDIS_PASSWORD' };
const SENTINEL_ENV = { sentinelUsername: 'SENTINEL_USERNAME', sentinelPassword: 'SENTINEL_PASSWORD' };

/**
 * A cluster's or Sentinel's credentials from the environment, over the config's: no password need appear on a
 * command line, where `ps` shows it. A URL carries its own (REDIS_URL keeps it off the command line), so it is
 * left as it is.
 */
function withEnvCredentials(target: TestTarget, env: NodeJS.ProcessEnv): TestTarget {
  const fromEnv = (fields: Record<string, string>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(fields).flatMap(([field, name]) => (env[name] ? [[field, env[name]]] : [])),
    );
  if (target.mode === 'url') return { ...target };
  if (target.mode === 'cluster') return { ...target, ...fromEnv(DATA_ENV) };
  return { ...target, ...fromEnv(DATA_ENV), ...fromEnv(SENTINEL_ENV) };
}
