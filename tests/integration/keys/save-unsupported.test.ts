import { describe, expect, it } from 'vitest';
import { useKeysHost } from './keys-host';

const h = useKeysHost();

describe('keys.saveToFile without a save dialog (serve mode)', () => {
  it('answers UNSUPPORTED and points at the download endpoint', async () => {
    await h.client.set(`${h.prefix}k`, 'v');
    const err = await h.fail('keys.saveToFile', { key: `${h.prefix}k` });
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toContain('/api/download');
  });
});
