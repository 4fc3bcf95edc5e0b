import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError } from '../../shared/result';
import type { SavedConnection, SavedConnectionInput, SavedTopologyInput } from '../../shared/contract';
import { splitPassword } from './redact';
import type { SecretBox } from './secrets';
import { toPublic, type StoredConnection } from './saved-stored';
import { clusterUrl, sentinelUrl, type StoredSecrets } from './target-options';

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
    const all = this.read();
    const previous = all.find((c) => c.name === input.name);
    const entry = 'target' in input ? this.topologyEntry(input, previous) : this.urlEntry(input, previous);
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

  /**
   * The stored passwords of the saved connection `name`, for connecting with a target of `mode`: refused when
   * there is no such connection or it is of another kind (its passwords belong to other servers).
   */
  secretsFor(name: string, mode: 'url' | 'sentinel' | 'cluster'): StoredSecrets {
    const found = this.read().find((c) => c.name === name);
    if (!found) throw new ApiError('NOT_FOUND', `no saved connection named "${name}"`);
    const kind = found.target?.mode ?? 'url';
    if (kind !== mode)
      throw new ApiError('INVALID_INPUT', `saved: "${name}" is a ${kind} connection, not ${mode}`);
    const open = (sealed?: string): string | undefined => (sealed ? this.secrets.decrypt(sealed) : undefined);
    const out: StoredSecrets = {};
    const password = open(found.passwordSealed);
    const sentinelPassword = open(found.sentinelPasswordSealed);
    if (password) out.password = password;
    if (sentinelPassword) out.sentinelPassword = sentinelPassword;
    return out;
  }

  private urlEntry(input: Exclude<SavedConnectionInput, SavedTopologyInput>, previous?: StoredConnection) {
    const { url, password: fromUrl } = splitPassword(input.url);
    const password = input.password ?? fromUrl;
    const entry: StoredConnection = {
      name: input.name,
      url,
      tls: input.tls,
      tlsCa: input.tlsCa,
      tlsSkipVerify: input.tlsSkipVerify,
      username: input.username,
      db: input.db,
      // Saving again without a password keeps the one stored before (of the same kind of connection).
      passwordSealed: password
        ? this.secrets.encrypt(password)
        : previous && !previous.target
          ? previous.passwordSealed
          : undefined,
    };
    return entry;
  }

  private topologyEntry(input: SavedTopologyInput, previous?: StoredConnection): StoredConnection {
    const { password, ...rest } = input.target;
    const sentinelPassword = rest.mode === 'sentinel' ? rest.sentinelPassword : undefined;
    if (rest.mode === 'sentinel') delete rest.sentinelPassword;
    const same = previous?.target?.mode === rest.mode ? previous : undefined;
    const keep = (plain: string | undefined, sealed: string | undefined): string | undefined =>
      plain ? this.secrets.encrypt(plain) : sealed;
    return {
      name: input.name,
      // Shown by versions that know only URL connections (which refuse to connect to it rather than break).
      url: rest.mode === 'sentinel' ? sentinelUrl(rest) : clusterUrl(rest),
      target: rest,
      passwordSealed: keep(password, same?.passwordSealed),
      sentinelPasswordSealed:
        rest.mode === 'sentinel' ? keep(sentinelPassword, same?.sentinelPasswordSealed) : undefined,
    };
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
