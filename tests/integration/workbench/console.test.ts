import { describe, expect, it } from 'vitest';
import type { ConsoleStreamEvent, HistoryEntry, RespReply } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { useKeysHost } from '../keys/keys-host';

const h = useKeysHost();

async function run(line: string): Promise<RespReply> {
  return (await h.call('console.run', { line })).reply;
}

describe('console.run replies by RESP type', () => {
  it('status, bulk string, nil, integer, error', async () => {
    expect(await run(`SET ${h.prefix}a hello`)).toEqual({ type: 'status', value: 'OK' });
    expect(await run(`GET ${h.prefix}a`)).toEqual({ type: 'string', value: 'hello' });
    expect(await run(`GET ${h.prefix}missing`)).toEqual({ type: 'nil' });
    expect(await run(`INCR ${h.prefix}n`)).toEqual({ type: 'integer', value: 1 });
    const wrong = await run(`LPUSH ${h.prefix}a x`);
    expect(wrong.type).toBe('error');
    expect(wrong.type === 'error' && wrong.value).toMatch(/^WRONGTYPE/);
    expect(await run('NOSUCHCOMMAND')).toMatchObject({ type: 'error' });
  });

  it('non-UTF-8 bytes as base64, parsed from redis-cli escapes', async () => {
    expect(await run(`SET ${h.prefix}bin "\\xff\\xfe\\x00A"`)).toEqual({ type: 'status', value: 'OK' });
    expect(await h.client.getBuffer(`${h.prefix}bin`)).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect(await run(`GET ${h.prefix}bin`)).toEqual({
      type: 'string',
      value: Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('base64'),
      valueEncoding: 'base64',
    });
    expect(await run(`ECHO "a b\\n" 'it\\'s'`)).toMatchObject({ type: 'error' }); // ECHO takes one argument
    expect(await run(`ECHO "tab\\there"`)).toEqual({ type: 'string', value: 'tab\there' });
  });

  it('arrays, maps, sets, doubles, booleans, big numbers, verbatim, nested', async () => {
    await h.client.rpush(`${h.prefix}l`, 'x', 'y');
    await h.client.hset(`${h.prefix}h`, 'f', 'v');
    await h.client.sadd(`${h.prefix}s`, 'm');
    await h.client.zadd(`${h.prefix}z`, 1.5, 'm');
    expect(await run(`LRANGE ${h.prefix}l 0 -1`)).toEqual({
      type: 'array',
      value: [
        { type: 'string', value: 'x' },
        { type: 'string', value: 'y' },
      ],
    });
    expect(await run(`HGETALL ${h.prefix}h`)).toEqual({
      type: 'map',
      value: [{ key: { type: 'string', value: 'f' }, value: { type: 'string', value: 'v' } }],
    });
    expect(await run(`SMEMBERS ${h.prefix}s`)).toEqual({
      type: 'set',
      value: [{ type: 'string', value: 'm' }],
    });
    expect(await run(`ZSCORE ${h.prefix}z m`)).toEqual({ type: 'double', value: '1.5' });
    expect(await run(`EVAL "redis.setresp(3); return true" 0`)).toEqual({ type: 'boolean', value: true });
    expect(await run(`EVAL "return {big_number='123456789012345678901234567890'}" 0`)).toEqual({
      type: 'bignum',
      value: '123456789012345678901234567890',
    });
    const info = await run('INFO server');
    expect(info).toMatchObject({ type: 'verbatim', format: 'txt' });
    expect(info.type === 'verbatim' && info.value).toMatch(/redis_version:/);
    expect(await run(`EVAL "return {1, {2, {'a'}}}" 0`)).toEqual({
      type: 'array',
      value: [
        { type: 'integer', value: 1 },
        {
          type: 'array',
          value: [
            { type: 'integer', value: 2 },
            { type: 'array', value: [{ type: 'string', value: 'a' }] },
          ],
        },
      ],
    });
  });

  it('runs several lines in order on one connection, with times', async () => {
    const r = await h.call('console.run', {
      line: `SET ${h.prefix}m 1\n\nINCR ${h.prefix}m\nGET ${h.prefix}m`,
    });
    expect(r.results.map((x) => x.line)).toEqual([
      `SET ${h.prefix}m 1`,
      `INCR ${h.prefix}m`,
      `GET ${h.prefix}m`,
    ]);
    expect(r.reply).toEqual({ type: 'string', value: '2' });
    for (const x of r.results) expect(x.ms).toBeGreaterThan(0);
    // Connection state carries from one call to the next, as in redis-cli.
    await run('SELECT 3');
    await run(`SET ${h.prefix}in3 x`);
    expect(await h.client.exists(`${h.prefix}in3`)).toBe(0);
    await run('SELECT 0');
  });

  it('refuses a line it cannot parse and runs none of the lines', async () => {
    const err = await h.fail('console.run', { line: `SET ${h.prefix}q 1\nSET k "unclosed` });
    expect(err.code).toBe('INVALID_INPUT');
    expect(await h.client.exists(`${h.prefix}q`)).toBe(0);
  });
});

const consoleRunClients = async (): Promise<string> => (await h.client.call('CLIENT', 'LIST')) as string;

describe('blocking and streaming commands', () => {
  it('BLPOP waits on its own connection and returns what arrives', async () => {
    const pending = h.call('console.run', { line: `BLPOP ${h.prefix}bq 0`, runId: 'pop1' });
    await waitUntil(async () => /name=queuedesk-console-run .*cmd=blpop/.test(await consoleRunClients()));
    // The shared console connection is not held up meanwhile.
    expect(await run('PING')).toEqual({ type: 'status', value: 'PONG' });
    await h.client.rpush(`${h.prefix}bq`, 'job');
    const r = await pending;
    expect(r.results[0]!.cancelled).toBeUndefined();
    expect(r.reply).toEqual({
      type: 'array',
      value: [
        { type: 'string', value: `${h.prefix}bq` },
        { type: 'string', value: 'job' },
      ],
    });
  });

  it('cancel ends a blocking command and closes its connection', async () => {
    const pending = h.call('console.run', { line: `BRPOP ${h.prefix}never 0`, runId: 'pop2' });
    await waitUntil(async () => /cmd=brpop/.test(await consoleRunClients()));
    expect(await h.call('console.cancel', { runId: 'pop2' })).toEqual({ cancelled: 1 });
    const r = await pending;
    expect(r.results[0]!.cancelled).toBe(true);
    await waitUntil(async () => !/cmd=brpop/.test(await consoleRunClients()));
  });

  it('a cancel that arrives before the command reached Redis still stops it', async () => {
    const pending = h.call('console.run', { line: `BLPOP ${h.prefix}early 0`, runId: 'early' });
    expect(await h.call('console.cancel', { runId: 'early' })).toEqual({ cancelled: 1 });
    expect((await pending).results[0]!.cancelled).toBe(true);
    await h.client.rpush(`${h.prefix}early`, 'kept');
    expect(await h.client.lrange(`${h.prefix}early`, 0, -1)).toEqual(['kept']);
  });

  it('XREAD BLOCK is cancellable too', async () => {
    const pending = h.call('console.run', { line: `XREAD BLOCK 0 STREAMS ${h.prefix}xs $`, runId: 'xr' });
    await waitUntil(async () => /cmd=xread/.test(await consoleRunClients()));
    await h.call('console.cancel', { runId: 'xr' });
    expect((await pending).results[0]!.cancelled).toBe(true);
  });

  it('SUBSCRIBE streams messages as events until cancelled', async () => {
    const seen: RespReply[] = [];
    const off = h.host.onEvent((event, data) => {
      if (event === 'console.stream' && (data as ConsoleStreamEvent).runId === 'sub1')
        seen.push(...(data as ConsoleStreamEvent).replies);
    });
    const channel = `${h.prefix}ch`;
    const pending = h.call('console.run', { line: `SUBSCRIBE ${channel}`, runId: 'sub1' });
    await waitUntil(() => seen.length >= 1);
    expect(seen[0]).toEqual({
      type: 'push',
      value: [
        { type: 'string', value: 'subscribe' },
        { type: 'string', value: channel },
        { type: 'integer', value: 1 },
      ],
    });
    await h.client.publish(channel, 'hi');
    await waitUntil(() => seen.length >= 2);
    expect(seen[1]).toEqual({
      type: 'push',
      value: [
        { type: 'string', value: 'message' },
        { type: 'string', value: channel },
        { type: 'string', value: 'hi' },
      ],
    });
    await h.call('console.cancel', { runId: 'sub1' });
    const r = await pending;
    off();
    expect(r.results[0]).toMatchObject({ cancelled: true, streamed: 2 });
  });
});

describe('commands that destroy or stop things', () => {
  it('FLUSHDB asks first, says why, and changes nothing until confirmed', async () => {
    await h.client.set(`${h.prefix}keep`, '1');
    const err = await h.fail('console.run', { line: 'FLUSHDB' });
    expect(err.code).toBe('CONFIRMATION_REQUIRED');
    expect(err.message).toMatch(/deletes every key/);
    expect(await h.client.exists(`${h.prefix}keep`)).toBe(1);
    const refusedInBatch = await h.fail('console.run', { line: `SET ${h.prefix}first 1\nFLUSHALL` });
    expect(refusedInBatch.code).toBe('CONFIRMATION_REQUIRED');
    expect(await h.client.exists(`${h.prefix}first`)).toBe(0);
    for (const line of ['CONFIG SET maxmemory 1', 'SHUTDOWN NOSAVE', 'DEBUG SLEEP 0', 'SCRIPT FLUSH']) {
      expect((await h.fail('console.run', { line })).code).toBe('CONFIRMATION_REQUIRED');
    }
    expect(await h.client.config('GET', 'maxmemory')).toEqual(['maxmemory', '0']);
    await h.call('console.run', { line: 'FLUSHDB', confirm: true });
    expect(await h.client.dbsize()).toBe(0);
  });

  it('KEYS asks first only on a large keyspace', async () => {
    expect(await run('KEYS nothing*')).toEqual({ type: 'array', value: [] });
    const p = h.client.pipeline();
    for (let i = 0; i < 10001; i += 1000)
      p.mset(
        ...Array.from({ length: Math.min(1000, 10001 - i) }, (_, j) => [
          `${h.prefix}pop:${i + j}`,
          'v',
        ]).flat(),
      );
    await p.exec();
    const err = await h.fail('console.run', { line: 'KEYS *' });
    expect(err.code).toBe('CONFIRMATION_REQUIRED');
    expect(err.message).toMatch(/10001 keys/);
    await h.client.flushdb();
  });
});

describe('docs and history', () => {
  it('COMMAND DOCS gives names, one-line help, syntax and tokens', async () => {
    const { commands } = await h.call('console.docs', {});
    const byName = new Map(commands.map((c) => [c.name, c]));
    expect(byName.get('GET')).toMatchObject({
      summary: expect.stringMatching(/value of a key/i),
      syntax: 'key',
    });
    expect(byName.get('SET')!.tokens).toEqual(
      expect.arrayContaining(['NX', 'XX', 'EX', 'PX', 'KEEPTTL', 'GET']),
    );
    expect(byName.get('SET')!.syntax).toMatch(/^key value /);
    expect(byName.get('BLPOP')!.syntax).toBe('key [key ...] timeout');
    expect(byName.get('CONFIG SET')).toBeDefined();
    expect(commands.length).toBeGreaterThan(200);
  });

  it('history is kept across restarts, newest first, searchable', async () => {
    await run(`SET ${h.prefix}hist-one 1`);
    await run(`GET ${h.prefix}hist-two`);
    const { entries } = await h.call('console.history', { query: 'HIST-' });
    expect(entries.map((e) => e.line)).toEqual([`GET ${h.prefix}hist-two`, `SET ${h.prefix}hist-one 1`]);
    const { CoreHost } = await import('../../../src/core/host');
    const again = new CoreHost({ dataDir: h.host.options.dataDir });
    const r = await again.call('console.history', { query: 'hist-one' });
    await again.close();
    expect(r.ok && (r.data as { entries: HistoryEntry[] }).entries.map((e) => e.line)).toEqual([
      `SET ${h.prefix}hist-one 1`,
    ]);
  });
});
