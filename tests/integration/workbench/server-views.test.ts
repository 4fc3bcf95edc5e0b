import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { useKeysHost } from '../keys/keys-host';

// DEBUG SLEEP needs the debug command, off by default since Redis 7.
const h = useKeysHost({}, ['--enable-debug-command', 'yes']);

afterEach(async () => {
  await h.client.config('SET', 'slowlog-log-slower-than', '10000');
  await h.client.config('SET', 'latency-monitor-threshold', '0');
});

describe('server.slowlog', () => {
  it('lists commands slower than the threshold, with args and client, and resets only when confirmed', async () => {
    await h.call('server.configSet', { name: 'slowlog-log-slower-than', value: '0' });
    const other = h.redis.client({ connectionName: 'slow-app' });
    await other.set(`${h.prefix}slow`, 'v'.repeat(300));
    await other.hset(`${h.prefix}h`, 'f', 'line\nbreak');
    const view = await h.call('server.slowlog', { limit: 50 });
    expect(view.slowerThanMicros).toBe(0);
    expect(view.maxLen).toBe(128);
    expect(view.length).toBeGreaterThanOrEqual(2);
    const set = view.entries.find(
      (e) => e.args[0]?.toLowerCase() === 'set' && e.args[1] === `${h.prefix}slow`,
    );
    expect(set).toBeDefined();
    expect(set!.clientName).toBe('slow-app');
    expect(set!.clientAddr).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(set!.durationMicros).toBeGreaterThanOrEqual(0);
    expect(Math.abs(set!.at - Date.now())).toBeLessThan(60_000);
    // Redis keeps 128 bytes of an argument and says how many more there were.
    expect(set!.args[2]).toMatch(/^v{128}\.\.\. \(172 more bytes\)$/);
    const hset = view.entries.find((e) => e.args[0]?.toLowerCase() === 'hset');
    expect(hset!.command).toBe(`hset ${h.prefix}h f "line\\nbreak"`);

    const refused = await h.fail('server.slowlogReset', {});
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect((await h.call('server.slowlog', { limit: 10 })).length).toBeGreaterThanOrEqual(2);
    await h.call('server.configSet', { name: 'slowlog-log-slower-than', value: '-1' });
    const { cleared } = await h.call('server.slowlogReset', { confirm: true });
    expect(cleared).toBeGreaterThanOrEqual(2);
    expect((await h.call('server.slowlog', { limit: 10 })).entries).toEqual([]);
  });
});

describe('server.latency', () => {
  it('records a DEBUG SLEEP over the threshold, with its history, and resets when confirmed', async () => {
    expect((await h.call('server.latency', {})).thresholdMs).toBe(0);
    await h.call('server.configSet', { name: 'latency-monitor-threshold', value: '50' });
    await h.client.call('DEBUG', 'SLEEP', '0.12');
    const view = await h.call('server.latency', {});
    expect(view.thresholdMs).toBe(50);
    const command = view.events.find((e) => e.name === 'command');
    expect(command).toBeDefined();
    expect(command!.latestMs).toBeGreaterThanOrEqual(120);
    expect(command!.maxMs).toBeGreaterThanOrEqual(command!.latestMs);
    expect(command!.history.at(-1)!.ms).toBe(command!.latestMs);
    expect((await h.fail('server.latencyReset', {})).code).toBe('CONFIRMATION_REQUIRED');
    expect((await h.call('server.latency', {})).events).not.toEqual([]);
    expect((await h.call('server.latencyReset', { confirm: true })).reset).toBeGreaterThanOrEqual(1);
    expect((await h.call('server.latency', {})).events).toEqual([]);
  });
});

describe('server.clients', () => {
  it('lists a named client with its fields, marks QueueDesk’s own, and kills one when confirmed', async () => {
    const app = h.redis.client({ connectionName: 'my-app-worker' });
    await app.select(3);
    await app.ping();
    const { clients } = await h.call('server.clients', {});
    const row = clients.find((c) => c.name === 'my-app-worker');
    expect(row).toMatchObject({ db: 3, own: false, cmd: 'ping' });
    expect(row!.totMem).toBeGreaterThan(0);
    expect(row!.flags).toBe('N');
    expect(clients.find((c) => c.name === 'queuedesk')).toMatchObject({ own: true });

    const refused = await h.fail('server.clientKill', { id: row!.id });
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('my-app-worker');
    let closed = false;
    app.on('close', () => (closed = true));
    expect(await h.call('server.clientKill', { id: row!.id, confirm: true })).toEqual({
      killed: 1,
      own: false,
    });
    await waitUntil(() => closed);
    const after = await h.call('server.clients', {});
    expect(after.clients.find((c) => c.id === row!.id)).toBeUndefined();
    expect((await h.fail('server.clientKill', { id: row!.id, confirm: true })).code).toBe('NOT_FOUND');
    app.disconnect();
  });

  it('says so before killing one of QueueDesk’s own connections', async () => {
    await h.call('console.run', { line: 'PING' });
    const { clients } = await h.call('server.clients', {});
    const own = clients.find((c) => c.name === 'queuedesk-console')!;
    expect(own.own).toBe(true);
    const refused = await h.fail('server.clientKill', { id: own.id });
    expect(refused.message).toContain("one of QueueDesk's own connections");
    expect(await h.call('server.clientKill', { id: own.id, confirm: true })).toEqual({
      killed: 1,
      own: true,
    });
    // The console opens its connection again (a line sent before it saw the close fails with "connection closed").
    await waitUntil(async () => (await h.call('console.run', { line: 'PING' })).reply.type === 'status');
    const again = (await h.call('server.clients', {})).clients.filter((c) => c.name === 'queuedesk-console');
    expect(again.map((c) => c.id)).not.toContain(own.id);
    expect(again).toHaveLength(1);
  });
});

describe('server.infoSections', () => {
  it('gives every section, meanings for known fields and raw values for the rest', async () => {
    const { sections } = await h.call('server.infoSections', {});
    const names = sections.map((s) => s.name);
    for (const n of ['Server', 'Clients', 'Memory', 'Stats', 'Commandstats', 'Keyspace'])
      expect(names).toContain(n);
    const memory = sections.find((s) => s.name === 'Memory')!;
    const used = memory.fields.find((f) => f.name === 'used_memory')!;
    expect(Number(used.value)).toBeGreaterThan(0);
    expect(used.meaning).toMatch(/allocated/);
    const commands = sections.find((s) => s.name === 'Commandstats')!;
    expect(commands.fields.find((f) => f.name === 'cmdstat_info')!.meaning).toMatch(/Calls/);
    const unknown = memory.fields.find((f) => f.name === 'allocator_frag_bytes');
    expect(unknown).toBeDefined();
    expect(unknown!.meaning).toBeUndefined();
  });
});

describe('server.config', () => {
  it('lists every setting, marks the editable ones, filters by pattern', async () => {
    const all = (await h.call('server.config', {})).settings;
    expect(all.length).toBeGreaterThan(100);
    expect(all.find((s) => s.name === 'maxmemory-policy')).toMatchObject({
      editable: true,
      value: 'noeviction',
    });
    expect(all.find((s) => s.name === 'dir')).toMatchObject({ editable: false });
    expect(all.find((s) => s.name === 'dir')!.note).toMatch(/files/);
    const slow = (await h.call('server.config', { match: 'slowlog-*' })).settings.map((s) => s.name);
    expect(slow).toEqual(['slowlog-log-slower-than', 'slowlog-max-len']);
  });

  it('sets a safe setting and reads it back; refuses bad values and dangerous settings, changing nothing', async () => {
    const set = await h.call('server.configSet', { name: 'maxmemory-policy', value: 'allkeys-lru' });
    expect(set).toMatchObject({ name: 'maxmemory-policy', value: 'allkeys-lru', editable: true });
    expect(await h.client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'allkeys-lru']);
    await h.call('server.configSet', { name: 'maxmemory', value: '100mb' });
    expect(await h.client.config('GET', 'maxmemory')).toEqual(['maxmemory', String(100 * 1024 * 1024)]);

    const badPolicy = await h.fail('server.configSet', { name: 'maxmemory-policy', value: 'sometimes' });
    expect(badPolicy.code).toBe('INVALID_INPUT');
    expect((await h.fail('server.configSet', { name: 'maxmemory', value: '10' })).code).toBe('INVALID_INPUT');
    expect((await h.fail('server.configSet', { name: 'hz', value: '0' })).code).toBe('INVALID_INPUT');
    const dir = await h.fail('server.configSet', { name: 'dir', value: '/tmp' });
    expect(dir.code).toBe('FORBIDDEN');
    expect(dir.message).toMatch(/read-only/);
    expect((await h.fail('server.configSet', { name: 'requirepass', value: 'x' })).code).toBe('FORBIDDEN');
    expect(await h.client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'allkeys-lru']);
    expect(await h.client.config('GET', 'requirepass')).toEqual(['requirepass', '']);
    await h.client.config('SET', 'maxmemory-policy', 'noeviction');
    await h.client.config('SET', 'maxmemory', '0');
  });
});
