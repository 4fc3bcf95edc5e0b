import { readHash } from './hash';
import { readList } from './list';
import { readRaw } from './raw';
import { readSet } from './set';
import { readStream } from './stream';
import { readString } from './string';
import type { Reader } from './types';
import { readZset } from './zset';

export function readerFor(type: string): Reader {
  switch (type) {
    case 'string':
      return readString;
    case 'hash':
      return readHash;
    case 'list':
      return readList;
    case 'set':
      return readSet;
    case 'zset':
      return readZset;
    case 'stream':
      return readStream;
    default:
      return readRaw;
  }
}

export type { ReadRequest, ReadResult } from './types';
