import { describe, expect, it } from 'vitest';
import { parseQueueClients } from '../../../src/core/queues/drivers/bullmq/clients';
import { pauseAfter } from '../../../src/core/queues/queue-finder';

const b64 = (name: string): string => Buffer.from(name).toString('base64');

describe('background discovery pacing', () => {
  it('pauses long enough after a page that Redis spends a fraction of a percent on the pass', () => {
    const pageMs = 0.8;
    const share = pageMs / (pageMs + pauseAfter(pageMs));
    expect(share).toBeLessThan(0.005);
    expect(share).toBeGreaterThan(0.001); // and not so slow that a pass never ends
  });

  it('keeps a short floor and a ceiling (a page slowed by a busy host must not stall the pass)', () => {
    expect(pauseAfter(0)).toBeGreaterThan(0);
    expect(pauseAfter(10_000)).toBeLessThanOrEqual(5000);
  });
});

describe('queues named by BullMQ clients in CLIENT LIST', () => {
  it('counts workers as BullMQ does and notes every queue a client names', () => {
    const list = [
      `id=1 addr=127.0.0.1:1 name=bull:${b64('emails')} age=3 idle=0 cmd=bzpopmin`,
      `id=2 addr=127.0.0.1:2 name=bull:${b64('emails')}:w:box-1 age=3 idle=0 cmd=evalsha`,
      `id=3 addr=127.0.0.1:3 name=bull:${b64('reports')}:qe age=3 idle=0 cmd=xread`,
      `id=4 addr=127.0.0.1:4 name=other:${b64('skip')} age=3 idle=0 cmd=get`,
      'id=5 addr=127.0.0.1:5 name=queuedesk age=3 idle=0 cmd=info',
      'id=6 addr=127.0.0.1:6 name=bull:not*base64 age=3 idle=0 cmd=get',
    ].join('\n');
    const { workers, named } = parseQueueClients(list, 'bull');
    expect([...named].sort()).toEqual(['emails', 'reports']);
    expect(workers.get('emails')).toBe(2);
    expect(workers.get('reports')).toBeUndefined();
  });
});
