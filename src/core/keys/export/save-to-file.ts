import type { Redis } from 'ioredis';
import type { SaveToFileResult } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import type { PickSavePath } from '../../context';
import { encodeBytes } from '../../bytes';
import { keyBytes, type BytesRef } from '../key-ref';
import { describeExport, exportFileName } from './chunks';
import { saveValueToFile } from './save-file';

/** `keys.saveToFile`: the host's dialog picks the path, then the value streams there from Redis. */
export async function saveToFile(
  redis: Redis,
  ref: BytesRef,
  pick: PickSavePath | undefined,
): Promise<SaveToFileResult> {
  if (!pick)
    throw new ApiError('UNSUPPORTED', 'this host has no save dialog: download from /api/download instead');
  const key = keyBytes(ref);
  const info = await describeExport(redis, key);
  const name = exportFileName(encodeBytes(key).encoding ? 'value' : ref.key, info);
  const path = await pick(name);
  if (!path) return { saved: false };
  const { bytes } = await saveValueToFile(redis, key, path);
  return { saved: true, path, bytes };
}
