import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_RESORT_MARK } from '../../../src/cli/last-resort';
import { rawGet, rawRequest } from '../../helpers/raw-http';
import { startServeProcess, type ServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';

// The reported defect: one unauthenticated request with a bad path ended the whole serve process (and with it
// the UI, the workers' supervisor and the embedded Redis). Runs the built CLI, as a user does.
let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServeProcess();
});

afterAll(async () => {
  await serve?.stop();
});

function upgrade(port: number, target: string): Promise<{ status: number | null }> {
  return rawRequest(
    port,
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
}

describe('serve under malformed requests', () => {
  it('answers a bad percent-escape, a "//[" target and absolute-form targets with 400, and stays up', async () => {
    const { port } = serve;
    expect((await rawGet(port, '/%')).status).toBe(400);
    expect((await rawGet(port, '/%E0%A4%A')).status).toBe(400);
    expect((await rawGet(port, '/assets/%ZZ.js')).status).toBe(400);
    expect((await rawGet(port, '//[')).status).toBe(400);
    expect((await rawGet(port, 'http://[::1')).status).toBe(400);
    expect(serve.proc.exitCode).toBeNull();
    const page = await fetch(serve.pageUrl);
    expect(page.status).toBe(200);
  });

  it('answers malformed WebSocket handshakes with an HTTP status, and the API still works', async () => {
    const { port, token } = serve;
    expect((await upgrade(port, '//[')).status).toBe(400);
    expect((await upgrade(port, `/%?token=${token}`)).status).toBe(404);
    expect((await upgrade(port, `/api?token=%`)).status).toBe(401);
    expect(serve.proc.exitCode).toBeNull();
    const api = await WsApi.open(serve.apiUrl);
    expect(await api.data('connection.status')).toMatchObject({ state: 'connected' });
    api.close();
  });

  it('never needed its last-resort guard', () => {
    expect(serve.output()).not.toContain(LAST_RESORT_MARK);
  });
});
