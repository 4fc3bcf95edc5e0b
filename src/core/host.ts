import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { EventName, EventPayload, MethodName } from '../shared/contract';
import { ApiError, toErrorBody, type Envelope } from '../shared/result';
import { connectionHandlers } from './connection/handlers';
import { snapshotsHandlers } from './connection/snapshots/handlers';
import { keysHandlers } from './keys/handlers';
import { processesHandlers } from './processes/handlers';
import { pubsubHandlers } from './pubsub/handlers';
import { queuesHandlers } from './queues/handlers';
import { metricsHandlers } from './metrics/handlers';
import { templatesHandlers } from './templates/handlers';
import { consoleHandlers } from './workbench/console/handlers';
import { serverViewsHandlers } from './workbench/server/handlers';
import { ConnectionManager } from './connection/manager';
import { SavedConnections } from './connection/saved';
import { localKeySecretBox, type SecretBox } from './connection/secrets';
import type { CoreContext, Handler, PickSavePath } from './context';
import { requireMethodName, validateParams } from './validate';
import { nodeFork, type ForkFn } from './supervisor/fork';
import { traceStop } from './stop-trace';

export interface HostOptions {
  dataDir: string;
  /** Seals saved passwords; defaults to a local key file in dataDir (serve mode). */
  secrets?: SecretBox;
  /** Forks worker and beat processes: Electron's utilityProcess in the app, child_process.fork elsewhere. */
  fork?: ForkFn;
  /** The app's save dialog, for `keys.saveToFile`; serve mode has none (the page downloads instead). */
  pickSavePath?: PickSavePath;
}

export type HostEventListener = <E extends EventName>(event: E, data: EventPayload<E>) => void;

type AnyHandler = (params: unknown) => unknown;

/**
 * The core of QueueDesk: every service, behind one `call(method, params)` that never throws.
 * Electron's IPC binding and the WebSocket server are both thin layers over this.
 */
export class CoreHost {
  readonly connection: ConnectionManager;
  private readonly bus = new EventEmitter();
  private readonly handlers = new Map<MethodName, AnyHandler>();
  private readonly cleanups: Array<() => Promise<void> | void> = [];
  private readonly backlogProbes = new Set<() => number>();
  private closed = false;

  constructor(readonly options: HostOptions) {
    this.bus.setMaxListeners(0);
    this.connection = new ConnectionManager(options.dataDir);
    const secrets = options.secrets ?? localKeySecretBox(join(options.dataDir, 'secret.key'));
    const ctx: CoreContext = {
      dataDir: options.dataDir,
      connection: this.connection,
      saved: new SavedConnections(join(options.dataDir, 'connections.json'), secrets),
      emit: (event, data) => this.emit(event, data),
      backlogBytes: () => this.backlogBytes(),
      onClose: (fn) => this.cleanups.push(fn),
      fork: options.fork ?? nodeFork,
      pickSavePath: options.pickSavePath,
    };
    this.connection.on('changed', (status) => this.emit('connection.changed', status));
    this.register(connectionHandlers(ctx));
    this.register(snapshotsHandlers(ctx));
    this.register(keysHandlers(ctx));
    this.register(pubsubHandlers(ctx));
    const queues = queuesHandlers(ctx);
    this.register(queues.handlers);
    this.register(processesHandlers(ctx, queues.engineTasks));
    this.register(templatesHandlers(ctx));
    this.register(metricsHandlers(ctx, queues.tap));
    this.register(consoleHandlers(ctx));
    this.register(serverViewsHandlers(ctx));
  }

  /** Validates and runs one method; the envelope carries either the data or a coded error. */
  async call(method: unknown, params: unknown): Promise<Envelope<unknown>> {
    try {
      const name = requireMethodName(method);
      const handler = this.handlers.get(name);
      if (!handler) throw new ApiError('UNKNOWN_METHOD', `method "${name}" is not available`);
      const parsed = validateParams(name, params);
      const data = await handler(parsed);
      return { ok: true, data: data === undefined ? null : data };
    } catch (err) {
      return { ok: false, error: toErrorBody(err) };
    }
  }

  /** Listens to every pushed event; returns the function that stops listening. */
  onEvent(listener: HostEventListener): () => void {
    const wrapped = (event: EventName, data: unknown): void =>
      listener(event, data as EventPayload<typeof event>);
    this.bus.on('event', wrapped);
    return () => this.bus.off('event', wrapped);
  }

  /** A transport says how far behind its slowest client is; returns the function that withdraws the probe. */
  addBacklogProbe(probe: () => number): () => void {
    this.backlogProbes.add(probe);
    return () => this.backlogProbes.delete(probe);
  }

  backlogBytes(): number {
    let most = 0;
    for (const probe of this.backlogProbes) most = Math.max(most, probe());
    return most;
  }

  /** Methods that have a handler; every contract method once the build is complete. */
  boundMethods(): MethodName[] {
    return [...this.handlers.keys()];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [i, fn] of this.cleanups.reverse().entries()) {
      try {
        await fn();
      } catch {
        // keep closing the rest
      }
      traceStop(`host cleanup ${i} done`);
    }
    await this.connection.close();
    traceStop('connection closed');
  }

  private emit<E extends EventName>(event: E, data: EventPayload<E>): void {
    this.bus.emit('event', event, data);
  }

  private register<K extends MethodName>(map: { [M in K]: Handler<M> }): void {
    for (const [name, fn] of Object.entries(map) as Array<[K, AnyHandler]>) {
      if (this.handlers.has(name)) throw new Error(`handler for ${name} registered twice`);
      this.handlers.set(name, fn);
    }
  }
}
