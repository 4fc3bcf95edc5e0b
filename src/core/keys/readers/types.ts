import type { Redis } from 'ioredis';
import type { KeyValue } from '../../../shared/contract';

export interface ReadRequest {
  key: Buffer;
  offset: number;
  cursor: string | undefined;
  limit: number;
  maxBytes: number;
}

export interface ReadResult {
  size: number;
  value: KeyValue;
  nextCursor: string | null;
}

/** One reader per Redis type (STYLE: small strategies picked by a switch, with a raw fallback). */
export type Reader = (redis: Redis, req: ReadRequest) => Promise<ReadResult>;
