import { ApiError } from '../../shared/result';

export const gone = (): ApiError => new ApiError('NOT_FOUND', 'key no longer exists');

/**
 * Lua scripts signal a changed key with short error words; this turns them into the messages the UI shows.
 * Anything else is passed through unchanged.
 */
export function mapScriptError(err: unknown): unknown {
  // Redis may put ERR in front of a one-word error reply.
  const message = (err instanceof Error ? err.message : '').replace(/^ERR /, '');
  if (message.startsWith('GONE')) return gone();
  const m = /^NOWTYPE (\S+) (\S+)/.exec(message);
  if (m) return new ApiError('CONFLICT', `key is now a ${m[1]}, not a ${m[2]}: reload it`);
  if (message.startsWith('CHANGED'))
    return new ApiError('CONFLICT', 'the item changed meanwhile: reload the key and try again');
  if (message.startsWith('EXISTS')) return new ApiError('CONFLICT', 'a key with this name already exists');
  return err;
}
