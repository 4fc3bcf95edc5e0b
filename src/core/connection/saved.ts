import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SavedConnection, SavedConnectionInput } from '../../shared/contract';
import { redactUrl, splitPassword } from './redact';
import type { SecretBox } from './secrets';

interface StoredConnection {
  name: string;
  url: string;
  tls?: boolean;
  tlsCa?: string;
  tlsSkipVerify?: boolean;
  username?: string;
  db?: number;
  passwordSealed?: string;
}

/** Saved connections in the app's data folder; passwords only ever sealed by the SecretBox. */
export class SavedConnections {
  constructor(
    private readonly file: string,
    private readonly secrets: SecretBox,
  ) {}

  list(): SavedConnection[] {
    return this.read().map(toPublic);
  }

  save(input: SavedConnectionInput): SavedConnection[] {
    const { url, password: fromUrl } = splitPassword(input.url);
    const password = input.password ?? fromUrl;
    const all = this.read();
    const previous = all.find((c) => c.name === input.name);
    const entry: StoredConnection = {
      name: input.name,
      url,
      tls: input.tls,
      tlsCa: input.tlsCa,
      tlsSkipVerify: input.tlsSkipVerify,
      username: input.username,
      db: input.db,
      // Saving again without a password keeps the one stored before.
      passwordSealed: password ? this.secrets.encrypt(password) : previous?.passwordSealed,
    };
    this.write([...all.filter((c) => c.name !== input.name), entry]);
    return this.list();
  }

  remove(name: string): SavedConnection[] {
    this.write(this.read().filter((c) => c.name !== name));
    return this.list();
  }

  /** The stored password of a saved connection, decrypted, for connecting. */
  password(name: string): string | undefined {
    const sealed = this.read().find((c) => c.name === name)?.passwordSealed;
    return sealed ? this.secrets.decrypt(sealed) : undefined;
  }

  private read(): StoredConnection[] {
    if (!existsSync(this.file)) return [];
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { connections?: StoredConnection[] };
      return Array.isArray(parsed.connections) ? parsed.connections : [];
    } catch {
      return [];
    }
  }

  private write(connections: StoredConnection[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, connections }, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

function toPublic(c: StoredConnection): SavedConnection {
  const out: SavedConnection = {
    name: c.name,
    url: redactUrl(c.url),
    hasPassword: Boolean(c.passwordSealed),
  };
  if (c.tls !== undefined) out.tls = c.tls;
  if (c.tlsCa !== undefined) out.tlsCa = c.tlsCa;
  if (c.tlsSkipVerify !== undefined) out.tlsSkipVerify = c.tlsSkipVerify;
  if (c.username !== undefined) out.username = c.username;
  if (c.db !== undefined) out.db = c.db;
  return out;
}
