/** Error codes that cross the API boundary; the UI switches on these. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'NOT_CONNECTED',
  'REDIS_ERROR',
  'NOT_FOUND',
  'CONFLICT',
  'UNSUPPORTED',
  'FORBIDDEN',
  /** A frame or a reply over the transport's size cap. */
  'TOO_LARGE',
  'INTERNAL',
  /**
   * A destructive call without the `confirm` that names what it destroys (a count, or `true` for a console
   * command); the message says why, and nothing was changed.
   */
  'CONFIRMATION_REQUIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Thrown by core services and by clients; carries a code the UI can act on. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof ApiError) return err.toBody();
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) {
      return { code: code as ErrorCode, message: String(message) };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  // ioredis reply errors ("WRONGTYPE …", "ERR …") are the server's words, worth showing as they are.
  if (err instanceof Error && err.name === 'ReplyError') return { code: 'REDIS_ERROR', message };
  if (/Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET/.test(message)) {
    return { code: 'NOT_CONNECTED', message: `Redis is not reachable: ${message}` };
  }
  return { code: 'INTERNAL', message };
}
