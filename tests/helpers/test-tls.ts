import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private CA and a server certificate it signed, made by openssl for one test run. */
export interface TestTls {
  /** PEM of the CA, what a client is given as `tlsCa`. */
  ca: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /**
   * redis-server / redis-sentinel settings for TLS with this certificate, as `--name value` arguments (a
   * sentinel.conf takes the same without the dashes). Clients need no certificate of their own.
   */
  serverArgs: string[];
}

const openssl = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' });

/** The server certificate names 127.0.0.1 and localhost, the addresses the test servers announce. */
export function makeTestTls(): TestTls {
  const dir = mkdtempSync(join(tmpdir(), 'qd-tls-'));
  const at = (name: string): string => join(dir, name);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=QueueDesk test CA',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
  ]);
  writeFileSync(at('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl([
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    at('san.ext'),
    '-out',
    at('server.pem'),
  ]);
  return {
    ca: readFileSync(at('ca.pem'), 'utf8'),
    caFile: at('ca.pem'),
    certFile: at('server.pem'),
    keyFile: at('server.key'),
    serverArgs: [
      '--tls-cert-file',
      at('server.pem'),
      '--tls-key-file',
      at('server.key'),
      '--tls-ca-cert-file',
      at('ca.pem'),
      '--tls-auth-clients',
      'no',
    ],
  };
}
