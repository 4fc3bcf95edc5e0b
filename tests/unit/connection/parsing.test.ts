import { describe, expect, it } from 'vitest';
import { parseInfo } from '../../../src/core/connection/info';
import { redactUrl, splitPassword } from '../../../src/core/connection/redact';
import { reconnectDelay, urlOptions } from '../../../src/core/connection/manager';

describe('connection parsing', () => {
  it('parses INFO into the status bar figures', () => {
    const info = parseInfo(
      '# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nprocess_id:42\r\nuptime_in_seconds:75\r\n# Clients\r\nconnected_clients:3\r\n# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n# Stats\r\ninstantaneous_ops_per_sec:17\r\n# Keyspace\r\ndb0:keys=10,expires=4,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n',
    );
    expect(info).toEqual({
      version: '7.0.15',
      mode: 'standalone',
      pid: 42,
      uptimeSec: 75,
      usedMemory: 1048576,
      usedMemoryHuman: '1.00M',
      connectedClients: 3,
      opsPerSec: 17,
      keyspace: { db0: { keys: 10, expires: 4 }, db3: { keys: 1, expires: 0 } },
    });
  });

  it('never shows a password', () => {
    expect(redactUrl('redis://user:s3cret@host:6379/1')).toBe('redis://user:***@host:6379/1');
    expect(redactUrl('redis://:s3cret@host')).not.toContain('s3cret');
    expect(redactUrl('redis://host:6379')).toBe('redis://host:6379');
    expect(splitPassword('redis://u:p%40ss@h:1')).toEqual({ url: 'redis://u@h:1', password: 'p@ss' });
  });

  it('builds ioredis options where explicit fields win over the URL', () => {
    expect(urlOptions({ mode: 'url', url: 'redis://alice:pw@example.com:6380/4' })).toEqual({
      host: 'example.com',
      port: 6380,
      username: 'alice',
      password: 'pw',
      db: 4,
    });
    const o = urlOptions({ mode: 'url', url: 'rediss://example.com', db: 2, password: 'x', username: 'bob' });
    expect(o).toMatchObject({
      port: 6379,
      db: 2,
      password: 'x',
      username: 'bob',
      tls: { servername: 'example.com' },
    });
    expect(urlOptions({ mode: 'url', url: 'redis://h' }, 'saved')).toMatchObject({ password: 'saved' });
    const ip = urlOptions({
      mode: 'url',
      url: 'redis://127.0.0.1',
      tls: true,
      tlsCa: 'PEM',
      tlsSkipVerify: true,
    });
    expect(ip.tls).toEqual({ ca: 'PEM', rejectUnauthorized: false });
  });

  it('backs off reconnects up to 2 s', () => {
    expect(reconnectDelay(0)).toBe(100);
    expect(reconnectDelay(3)).toBe(800);
    expect(reconnectDelay(50)).toBe(2000);
  });
});
