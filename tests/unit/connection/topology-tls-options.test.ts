import { describe, expect, it } from 'vitest';
import { clusterOptions, sentinelOptions } from '../../../src/core/connection/target-options';
import { tlsFailure } from '../../../src/core/connection/tls-failure';
import { ClusterTarget, SentinelTarget } from '../../../src/shared/contract';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const sentinel = { mode: 'sentinel' as const, sentinels: ['10.0.0.1:26379'], name: 'm' };
const cluster = { mode: 'cluster' as const, nodes: ['10.0.0.1:7000'] };

describe('TLS options of Sentinel and Cluster targets', () => {
  it('uses the CA and skip-verify for the data nodes and the sentinels, as plain JSON for child processes', () => {
    const s = sentinelOptions({ ...sentinel, tls: true, tlsCa: PEM, tlsSkipVerify: true });
    expect(s).toMatchObject({
      tls: { ca: PEM, rejectUnauthorized: false },
      sentinelTLS: { ca: PEM, rejectUnauthorized: false },
      enableTLSForSentinelMode: true,
    });
    const c = clusterOptions({ ...cluster, tlsCa: PEM });
    expect(c.options.tls).toEqual({ ca: PEM });
    for (const options of [s, c.options]) expect(JSON.parse(JSON.stringify(options))).toEqual(options);
  });

  it('turns TLS on for a CA or skip-verify alone, and leaves it off without any', () => {
    expect(clusterOptions({ ...cluster, tlsSkipVerify: true }).options.tls).toEqual({
      rejectUnauthorized: false,
    });
    expect(clusterOptions(cluster).options.tls).toBeUndefined();
    expect(sentinelOptions(sentinel)).not.toHaveProperty('enableTLSForSentinelMode');
  });

  it('refuses a CA that is not a string or too long, and an unknown TLS field', () => {
    expect(ClusterTarget.safeParse({ ...cluster, tlsCa: 5 }).success).toBe(false);
    expect(SentinelTarget.safeParse({ ...sentinel, tlsCa: 'x'.repeat(100_001) }).success).toBe(false);
    expect(ClusterTarget.safeParse({ ...cluster, tlsCert: PEM }).success).toBe(false);
    expect(SentinelTarget.safeParse({ ...sentinel, tlsSkipVerify: 'yes' }).success).toBe(false);
  });

  it('says what to do about an untrusted certificate, and leaves other failures as they are', () => {
    expect(tlsFailure('self-signed certificate in certificate chain')).toMatch(/not trusted; give the CA/);
    expect(tlsFailure("Hostname/IP does not match certificate's altnames")).toMatch(
      /does not name the address/,
    );
    expect(tlsFailure('connect ECONNREFUSED 127.0.0.1:7000')).toBe('connect ECONNREFUSED 127.0.0.1:7000');
  });
});
