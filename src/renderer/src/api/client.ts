import type { EventName, EventPayload, MethodName, Params, Result } from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/result';

/** The renderer's one way to reach the core: over Electron IPC or over the serve WebSocket. */
export interface ApiClient {
  readonly transport: 'ipc' | 'websocket';
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (data: EventPayload<E>) => void): () => void;
  /** Whether the link to the core itself is up (always true over IPC). */
  onLink(listener: (up: boolean) => void): () => void;
}

/** A failed call, with the code the UI can switch on. */
export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
