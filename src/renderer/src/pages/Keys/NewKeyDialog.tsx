import { useState } from 'react';
import type { Params, RedisType } from '../../../../shared/contract';
import { REDIS_TYPES } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useKeys } from '../../stores/keys';
import { Dialog } from './Dialog';

type CreateParams = Params<'keys.create'>;

/** The first contents of a new key, from two text boxes whose meaning depends on the type. */
function createParams(
  base: { key: string; ttlMs?: number },
  type: RedisType,
  a: string,
  b: string,
): CreateParams {
  switch (type) {
    case 'string':
      return { ...base, type, value: a };
    case 'hash':
      return { ...base, type, fields: [{ field: a, value: b }] };
    case 'list':
      return { ...base, type, items: [{ value: a }] };
    case 'set':
      return { ...base, type, members: [{ value: a }] };
    case 'zset':
      return { ...base, type, members: [{ member: a, score: Number(b) || 0 }] };
    case 'stream':
      return { ...base, type, fields: [{ field: a, value: b }] };
  }
}

const LABELS: Record<RedisType, [string, string | null]> = {
  string: ['Value', null],
  hash: ['Field', 'Value'],
  list: ['First item', null],
  set: ['First member', null],
  zset: ['Member', 'Score'],
  stream: ['Field', 'Value'],
};

export function NewKeyDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const [name, setName] = useState('');
  const [type, setType] = useState<RedisType>('string');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [ttl, setTtl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [labelA, labelB] = LABELS[type];
  const submit = async (): Promise<void> => {
    const ttlS = Number(ttl);
    if (ttl && !(ttlS > 0)) return setError('TTL must be a positive number of seconds');
    try {
      const params = createParams(
        { key: name, ...(ttl ? { ttlMs: Math.round(ttlS * 1000) } : {}) },
        type,
        a,
        b,
      );
      await api.call('keys.create', params);
      const keys = useKeys.getState();
      keys.upsert({ key: name, type, ttlMs: ttl ? Math.round(ttlS * 1000) : -1 });
      keys.open({ key: name });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Dialog title="New key" onClose={onClose} testId="new-key-dialog">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Name
          <input
            className="mono"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
            data-testid="new-key-name"
          />
        </label>
        <label>
          Type
          <select
            value={type}
            onChange={(e) => setType(e.target.value as RedisType)}
            data-testid="new-key-type"
          >
            {REDIS_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          {labelA}
          <input className="mono" value={a} onChange={(e) => setA(e.target.value)} data-testid="new-key-a" />
        </label>
        {labelB && (
          <label>
            {labelB}
            <input
              className="mono"
              value={b}
              onChange={(e) => setB(e.target.value)}
              data-testid="new-key-b"
            />
          </label>
        )}
        <label>
          TTL (seconds, empty = no expiry)
          <input
            type="number"
            min={1}
            value={ttl}
            onChange={(e) => setTtl(e.target.value)}
            data-testid="new-key-ttl"
          />
        </label>
        {error && <div className="error-text">{error}</div>}
        <div className="row-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="new-key-create">
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
