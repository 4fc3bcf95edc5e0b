import type { ClientRow } from '../../../shared/contract';
import { isOwnName } from './clients';

/** How often the address → name map is refreshed while the profiler runs. */
const REFRESH_MS = 1000;

export interface ClientName {
  name: string;
  own: boolean;
}

const UNKNOWN: ClientName = { name: '', own: false };

/**
 * Client names by address, from CLIENT LIST: MONITOR lines carry only the address, and QueueDesk tells its own
 * connections by name. Refreshed every second, and at once when a line comes from an address not yet seen.
 */
export class ClientNames {
  private names = new Map<string, ClientName>();
  private refreshing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Names seen set while a refresh is out: its CLIENT LIST may predate them, so they win over it. */
  private namedMeanwhile = new Map<string, ClientName>();

  constructor(private readonly list: () => Promise<ClientRow[]>) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  known(addr: string): ClientName | undefined {
    return this.names.get(addr);
  }

  /** A name set on the connection itself (CLIENT SETNAME, as MONITOR shows it): known before the next refresh. */
  named(addr: string, name: string): void {
    const known = { name, own: isOwnName(name) };
    this.names.set(addr, known);
    if (this.refreshing) this.namedMeanwhile.set(addr, known);
  }

  /** After a refresh: an address still missing (the client already left) is remembered as nameless. */
  lookup(addr: string): ClientName {
    const found = this.names.get(addr);
    if (found) return found;
    this.names.set(addr, UNKNOWN);
    return UNKNOWN;
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.list()
      .then((clients) => {
        this.names = new Map(clients.map((c) => [c.addr, { name: c.name, own: c.own }]));
        for (const [addr, known] of this.namedMeanwhile) this.names.set(addr, known);
      })
      .catch(() => undefined) // the next tick tries again; lines meanwhile keep the names already known
      .finally(() => {
        this.refreshing = null;
        this.namedMeanwhile.clear();
      });
    return this.refreshing;
  }
}
