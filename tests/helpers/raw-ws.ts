import { connect, type Socket } from 'node:net';

export interface RawWs {
  socket: Socket;
  /** Bytes the server sent after its 101 answer. */
  received(): Buffer;
  closed: Promise<void>;
}

/** A WebSocket handshake by hand, so a test can then write frames no client library would send. */
export function rawWsOpen(port: number, path: string): Promise<RawWs> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let opened = false;
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('error', () => undefined);
    socket.on('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (opened) return;
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(head.split('\r\n')[0]));
      opened = true;
      buf = buf.subarray(end + 4);
      resolve({ socket, received: () => buf, closed });
    });
    closed.then(() => opened || reject(new Error('closed during the handshake')));
  });
}

/** The header of a masked client text frame announcing `length` payload bytes (the payload is not sent). */
export function textFrameHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81; // FIN + text
  header[1] = 0x80 | 127; // masked, 64-bit length follows
  header.writeBigUInt64BE(BigInt(length), 2);
  header.writeUInt32BE(0x01020304, 10); // mask key
  return header;
}

/** The status code of the first close frame (opcode 8) in the bytes, or null. */
export function closeCode(bytes: Buffer): number | null {
  if (bytes.length < 4 || ((bytes[0] as number) & 0x0f) !== 0x8) return null;
  return bytes.readUInt16BE(2);
}
