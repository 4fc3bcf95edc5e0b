import { describe, expect, it } from 'vitest';
import { isOwnName, parseClientLine } from '../../../src/core/workbench/server/clients';
import { SAFE_SETTINGS } from '../../../src/core/workbench/server/config-rules';
import { commandLine, quoteArg } from '../../../src/core/workbench/server/display';
import { parseInfoSections } from '../../../src/core/workbench/server/info-sections';
import { parseMonitorLine } from '../../../src/core/workbench/server/monitor-line';

describe('server view parsers', () => {
  it('MONITOR lines: time, db, address (lua and unix sockets too), command', () => {
    expect(parseMonitorLine('1700000000.123456 [3 127.0.0.1:5000] "GET" "a b"')).toEqual({
      at: 1700000000123.456,
      db: 3,
      addr: '127.0.0.1:5000',
      command: '"GET" "a b"',
    });
    expect(parseMonitorLine('1.5 [0 lua] "set" "k" "v"')!.addr).toBe('lua');
    expect(parseMonitorLine('1.5 [0 unix:/tmp/r.sock] "ping"')!.addr).toBe('unix:/tmp/r.sock');
    expect(parseMonitorLine('OK')).toBeNull();
  });

  it('CLIENT LIST lines, with an empty name and QueueDesk’s own names', () => {
    const row = parseClientLine(
      'id=7 addr=127.0.0.1:1 laddr=127.0.0.1:6379 fd=8 name= age=12 idle=3 flags=N db=2 cmd=client|list tot-mem=2048 omem=10',
    );
    expect(row).toMatchObject({
      id: '7',
      name: '',
      ageSec: 12,
      idleSec: 3,
      db: 2,
      cmd: 'client|list',
      totMem: 2048,
      omem: 10,
      own: false,
    });
    expect(row.raw.laddr).toBe('127.0.0.1:6379');
    for (const n of ['queuedesk', 'queuedesk:queues', 'queuedesk-console']) expect(isOwnName(n)).toBe(true);
    for (const n of ['', 'queuedeskish', 'app']) expect(isOwnName(n)).toBe(false);
  });

  it('quotes arguments like redis-cli and caps long lines', () => {
    expect(quoteArg('plain')).toBe('plain');
    expect(quoteArg('a b')).toBe('"a b"');
    expect(quoteArg('say "hi"\n\x01')).toBe('"say \\"hi\\"\\n\\x01"');
    const long = commandLine(['SET', 'k', 'x'.repeat(1000)]);
    expect(long.length).toBeLessThan(560);
    expect(long).toMatch(/more chars\)$/);
  });

  it('INFO sections keep their order; per-item fields share a meaning', () => {
    const sections = parseInfoSections(
      '# Server\r\nredis_version:7.0.15\r\nfoo_bar:1\r\n\r\n# Keyspace\r\ndb0:keys=1,expires=0\r\n',
    );
    expect(sections.map((s) => s.name)).toEqual(['Server', 'Keyspace']);
    expect(sections[0]!.fields[0]).toMatchObject({ name: 'redis_version', value: '7.0.15' });
    expect(sections[0]!.fields[1]!.meaning).toBeUndefined();
    expect(sections[1]!.fields[0]!.meaning).toMatch(/Keys in this database/);
  });

  it('safe-setting rules accept good values and refuse bad ones', () => {
    const ok = (name: string, v: string): boolean => SAFE_SETTINGS[name]!.schema.safeParse(v).success;
    expect(ok('maxmemory', '0')).toBe(true);
    expect(ok('maxmemory', '1m')).toBe(true);
    expect(ok('maxmemory', '2GB')).toBe(true);
    expect(ok('maxmemory', '100')).toBe(false);
    expect(ok('maxmemory', '-1')).toBe(false);
    expect(ok('notify-keyspace-events', 'KEA')).toBe(true);
    expect(ok('notify-keyspace-events', 'KEQ')).toBe(false);
    expect(ok('slowlog-log-slower-than', '-1')).toBe(true);
    expect(ok('slowlog-log-slower-than', '1.5')).toBe(false);
    expect(ok('latency-monitor-threshold', '100')).toBe(true);
  });
});
