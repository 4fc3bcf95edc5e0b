import { describe, expect, it } from 'vitest';
import { useKeysHost } from './keys-host';

// Its own file: these tests delete the whole keyspace of their redis-server.
const h = useKeysHost();

describe('keys.deletePattern on a pattern that matches everything', () => {
  it('refuses without confirm, or with a count that is not the current one, and deletes nothing', async () => {
    const pipe = h.client.pipeline();
    for (let i = 0; i < 300; i++) pipe.set(`${h.prefix}${i}`, i);
    await pipe.exec();
    for (const params of [
      { match: '*', opId: 'a' },
      { match: '**', opId: 'b', confirm: 299 },
      { match: 'Kg==', matchEncoding: 'base64', opId: 'c' }, // "*" as bytes
    ]) {
      const error = await h.fail('keys.deletePattern', params);
      expect(error.code).toBe('CONFIRMATION_REQUIRED');
      expect(error.message).toMatch(/300 keys/);
    }
    expect(await h.client.dbsize()).toBe(300);
  });

  it('deletes them all with confirm equal to the count', async () => {
    const { count } = await h.call('keys.countPattern', { match: '*' });
    expect(count).toBe(300);
    expect(await h.call('keys.deletePattern', { match: '*', opId: 'd', confirm: count })).toEqual({
      deleted: 300,
    });
    expect(await h.client.dbsize()).toBe(0);
  });

  it('a narrower pattern needs no confirm', async () => {
    await h.client.set(`${h.prefix}x`, 1);
    expect(await h.call('keys.deletePattern', { match: `${h.prefix}*`, opId: 'e' })).toEqual({ deleted: 1 });
  });
});
