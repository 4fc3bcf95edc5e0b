import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagTarget } from '../../../src/cli/redis-flags';
import { skipVerifyWarning, tlsFlags } from '../../../src/cli/tls-flags';
import { projectRedis } from '../../../src/core/config/redis';
import type { LoadedConfig } from '../../../src/core/config/load';
import { ProjectConfig } from '../../../src/core/config/schema';
import { makeTestTls } from '../../helpers/test-tls';

const loaded = (config: object): LoadedConfig => ({
  path: '/p/queuedesk.config.json',
  config: ProjectConfig.parse(config),
  taskModule: null,
});

describe('the Redis flags of queuedesk worker and beat', () => {
  it('name a cluster or a Sentinel target as connection.connect takes it', () => {
    expect(flagTarget({ cluster: '10.0.0.1:7000, 10.0.0.2:7000' })).toEqual({
      mode: 'cluster',
      nodes: ['10.0.0.1:7000', '10.0.0.2:7000'],
    });
    expect(flagTarget({ sentinel: '[::1]:26379', master: 'main' })).toEqual({
      mode: 'sentinel',
      sentinels: ['[::1]:26379'],
      name: 'main',
    });
    expect(flagTarget({ redis: 'redis://h:1' })).toEqual({ mode: 'url', url: 'redis://h:1' });
    expect(flagTarget({})).toBeNull();
  });

  it('refuse what does not fit together or does not parse, saying which flag', () => {
    const cases: Array<[Parameters<typeof flagTarget>[0], RegExp]> = [
      [{ redis: 'redis://h:1', cluster: 'h:1' }, /^--redis and --cluster name different Redis set-ups/],
      [{ cluster: 'h:1', sentinel: 'h:2', master: 'm' }, /^--cluster and --sentinel name different/],
      [{ redis: 'redis://h:1', sentinel: 'h:2', master: 'm' }, /^--redis and --sentinel name different/],
      [{ cluster: 'h:1,localhost' }, /^--cluster: "localhost" must be host:port$/],
      [{ cluster: 'h:99999' }, /^--cluster: "h:99999" port must be ≤ 65535$/],
      [{ cluster: ' , ' }, /^--cluster: give host:port,host:port…$/],
      [{ sentinel: 'h:1' }, /^--sentinel needs --master NAME/],
      [{ sentinel: 'h:1', master: '  ' }, /^--sentinel needs --master NAME/],
      [{ sentinel: 'h', master: 'm' }, /^--sentinel: "h" must be host:port$/],
      [{ master: 'm' }, /^--master names a master of --sentinel/],
      [{ redis: 'http://h' }, /^--redis: url: must start with redis:\/\/ or rediss:\/\//],
    ];
    for (const [flags, message] of cases)
      expect(() => flagTarget(flags), JSON.stringify(flags)).toThrow(message);
  });
});

describe('the Redis a headless worker or beat uses', () => {
  const env = { REDIS_PASSWORD: 'data', REDIS_USERNAME: 'app', SENTINEL_PASSWORD: 'sent' };

  it("takes a cluster's or Sentinel's credentials from the environment over the config's", () => {
    const config = loaded({
      connection: { mode: 'sentinel', sentinels: ['s:1'], name: 'm', password: 'old', db: 2 },
    });
    expect(projectRedis(config, null, false, env)).toMatchObject({
      options: {
        sentinels: [{ host: 's', port: 1 }],
        name: 'm',
        username: 'app',
        password: 'data',
        sentinelPassword: 'sent',
        db: 2,
      },
      shown: 'redis-sentinel://s:1/m',
    });
    expect(projectRedis(loaded({}), flagTarget({ cluster: 'a:1,b:2' }), true, env)).toMatchObject({
      options: {
        username: 'app',
        password: 'data',
        tls: {},
        clusterNodes: [
          { host: 'a', port: 1 },
          { host: 'b', port: 2 },
        ],
      },
      shown: 'redis-cluster://a:1,b:2',
    });
  });

  it('leaves a URL as it was: its own credentials, shown without the password', () => {
    const { options, shown } = projectRedis(
      loaded({}),
      flagTarget({ redis: 'redis://u:pw@h:6380/3' }),
      false,
      env,
    );
    expect(options).toEqual({ host: 'h', port: 6380, username: 'u', password: 'pw', db: 3 });
    expect(shown).toBe('redis://u:***@h:6380/3');
    expect(projectRedis(loaded({ connection: { url: 'redis://h:1' } }), null, false, env).options).toEqual({
      host: 'h',
      port: 1,
    });
  });

  it('prefers the flags, then REDIS_URL, then the config', () => {
    const config = loaded({ connection: { mode: 'cluster', nodes: ['c:1'] } });
    const url = { REDIS_URL: 'redis://e:2' };
    expect(projectRedis(config, flagTarget({ sentinel: 's:1', master: 'm' }), false, url).shown).toBe(
      'redis-sentinel://s:1/m',
    );
    expect(projectRedis(config, null, false, url).shown).toBe('redis://e:2');
    expect(projectRedis(config, null, false, {}).shown).toBe('redis-cluster://c:1');
    expect(() => projectRedis(loaded({}), null, false, {})).toThrow(
      /no Redis to use: pass --redis URL, --cluster/,
    );
  });
});

describe("the TLS flags and a config's tlsCaFile", () => {
  const pem = (body: string): string => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
  const dir = mkdtempSync(join(tmpdir(), 'qd-tls-flags-'));

  it('refuse a CA file that cannot be read, holds no PEM, or whose PEM does not parse, naming the flag and file', () => {
    writeFileSync(join(dir, 'plain.txt'), 'hello');
    writeFileSync(join(dir, 'broken.pem'), pem('AAAA'));
    const cases: Array<[string, RegExp]> = [
      ['missing.pem', /^--tls-ca: cannot read the CA file .*missing\.pem: ENOENT/],
      ['plain.txt', /^--tls-ca: .*plain\.txt is not a PEM CA certificate/],
      ['broken.pem', /^--tls-ca: .*broken\.pem holds a PEM certificate that does not parse/],
      ['.', /^--tls-ca: cannot read the CA file .*EISDIR/],
    ];
    for (const [file, message] of cases)
      expect(() => tlsFlags({ 'tls-ca': join(dir, file) }), file).toThrow(message);
  });

  it("read the config's tlsCaFile relative to the config, refuse it beside tlsCa, and a CA or skip-verify mean TLS", () => {
    const { ca } = makeTestTls();
    writeFileSync(join(dir, 'ca.pem'), ca);
    const config = (connection: object): LoadedConfig => ({
      ...loaded({ connection }),
      path: join(dir, 'queuedesk.config.json'),
    });
    const fromFile = projectRedis(config({ url: 'redis://h:1', tlsCaFile: 'ca.pem' }), null, false, {});
    expect(fromFile).toMatchObject({ options: { tls: { ca }, host: 'h' }, caFile: join(dir, 'ca.pem') });
    expect(fromFile.target).not.toHaveProperty('tlsCaFile');
    expect(() =>
      projectRedis(config({ url: 'redis://h:1', tlsCaFile: 'nope.pem' }), null, false, {}),
    ).toThrow(/queuedesk\.config\.json: connection\.tlsCaFile: cannot read the CA file .*nope\.pem/);
    expect(() =>
      ProjectConfig.parse({ connection: { url: 'redis://h:1', tlsCa: ca, tlsCaFile: 'ca.pem' } }),
    ).toThrow(/tlsCa and tlsCaFile both give the CA: keep one/);
    // The flags win over the config's CA; skip-verify says where it came from.
    const flags = tlsFlags({ 'tls-ca': join(dir, 'ca.pem'), 'tls-skip-verify': true });
    const skipped = projectRedis(config({ url: 'redis://h:1', tlsCa: 'old' }), null, flags, {});
    expect(skipped).toMatchObject({
      options: { tls: { ca, rejectUnauthorized: false } },
      skipVerifyFrom: '--tls-skip-verify',
    });
    const inConfig = projectRedis(
      config({ mode: 'cluster', nodes: ['c:1'], tlsSkipVerify: true }),
      null,
      false,
      {},
    );
    expect(inConfig.skipVerifyFrom).toBe(`tlsSkipVerify in ${join(dir, 'queuedesk.config.json')}`);
    expect(skipVerifyWarning('--tls-skip-verify')).toMatch(/^WARNING: TLS certificates are NOT verified/);
    expect(
      projectRedis(loaded({}), flagTarget({ redis: 'redis://h:1' }), false, {}).options,
    ).not.toHaveProperty('tls');
  });
});
