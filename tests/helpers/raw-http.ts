import { connect } from 'node:net';

export interface RawReply {
  /** The status of the first response line, or null when the server closed without one. */
  status: number | null;
  /** Everything the server sent, as latin1. */
  text: string;
}

export interface RawOptions {
  /**
   * End our side after writing, for bytes that may not be a complete request: the server then sees EOF and must
   * answer or close. (Node aborts a request still being handled when the client half-closes, so a well-formed
   * request that should be answered sends `Connection: close` instead.)
   */
  halfClose?: boolean;
  timeoutMs?: number;
}

/**
 * Writes bytes to the server as they are (no client library to tidy them up) and collects what comes back until
 * the server closes. A server that neither answers nor closes within the timeout rejects.
 */
export function rawRequest(port: number, bytes: string | Buffer, opts: RawOptions = {}): Promise<RawReply> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(
        new Error(
          `no answer and no close within ${timeoutMs} ms for ${JSON.stringify(String(bytes).slice(0, 80))}`,
        ),
      );
    }, timeoutMs);
    sock.on('connect', () => {
      sock.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
      if (opts.halfClose) sock.end();
    });
    sock.on('data', (d) => chunks.push(d));
    // A reset after the server answered (it closed with our bytes unread) is an answer too.
    sock.on('error', () => undefined);
    sock.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text });
    });
  });
}

/** The body of a raw reply (after the blank line). */
export function rawBody(reply: RawReply): string {
  const at = reply.text.indexOf('\r\n\r\n');
  return at < 0 ? '' : reply.text.slice(at + 4);
}

/** A GET with the given target and extra header lines, closing the connection after the answer. */
export function rawGet(
  port: number,
  target: string,
  headers: string[] = [`Host: 127.0.0.1:${port}`],
): Promise<RawReply> {
  return rawRequest(
    port,
    `GET ${target} HTTP/1.1\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`,
  );
}
