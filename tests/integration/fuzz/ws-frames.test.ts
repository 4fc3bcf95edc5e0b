import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { WsApi } from '../../helpers/ws-api';

// Raw frames, not method calls: any text, any bytes, JSON of any shape and depth. Every frame gets exactly one
// reply (an error one for anything but a well-formed call), or, for text that is not UTF-8, a 1007 close.
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

const frame = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
        method: fc.jsonValue(),
        params: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(
    deep(100_000),
    `{"id":1,"method":"keys.get","params":${deep(50_000)}}`,
    '{"__proto__":{"x":1},"id":1}',
  ),
  fc.uint8Array({ maxLength: 200 }).map((b) => ({ binary: Buffer.from(b) })),
);

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('WebSocket frame fuzz', () => {
  it('answers every frame once, whatever it holds', async () => {
    const ws = await openSocket(t.server.apiUrl);
    const replies: unknown[] = [];
    let wake: (() => void) | null = null;
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { event?: string };
      if (msg.event !== undefined) return;
      replies.push(msg);
      wake?.();
    });
    const nextReply = async (): Promise<unknown> => {
      while (replies.length === 0) await new Promise<void>((r) => (wake = r));
      wake = null;
      return replies.shift();
    };
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        if (typeof f === 'string') ws.send(f);
        else ws.send(f.binary, { binary: true });
        sent++;
        const reply = (await nextReply()) as { ok: boolean; error?: { code: string } };
        if (!reply.ok)
          expect(['BAD_REQUEST', 'UNKNOWN_METHOD', 'INVALID_INPUT']).toContain(reply.error?.code);
      }),
      { numRuns: 400 },
    );
    // No frame got a second reply: the next one is the answer to this call.
    ws.send(JSON.stringify({ id: 'last', method: 'connection.status', params: {} }));
    expect(await nextReply()).toMatchObject({ id: 'last', ok: true });
    console.log(`ws frame fuzz: ${sent} frames, each answered once`);
    ws.close();
  });

  it('closes a text frame that is not UTF-8 with 1007 and goes on serving', async () => {
    for (const bytes of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x7b, 0x80]]) {
      const ws = await openSocket(t.server.apiUrl);
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.on('error', () => undefined);
      ws.send(Buffer.from(bytes), { binary: false });
      expect(await closed).toBe(1007);
    }
    const api = await WsApi.open(t.server.apiUrl);
    expect((await api.call('connection.status')).ok).toBe(true);
    api.close();
  });
});
