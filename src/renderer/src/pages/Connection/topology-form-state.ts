import { ClusterTarget, SentinelTarget } from '../../../../shared/contract';

export type TopologyKind = 'sentinel' | 'cluster';

export interface TopologyFormState {
  kind: TopologyKind;
  /** host:port, one a line (or comma-separated). */
  nodes: string;
  /** Sentinel: the master name. */
  name: string;
  username: string;
  password: string;
  sentinelPassword: string;
  db: string;
  tls: boolean;
}

export const EMPTY_TOPOLOGY_FORM: TopologyFormState = {
  kind: 'sentinel',
  nodes: '',
  name: 'mymaster',
  username: '',
  password: '',
  sentinelPassword: '',
  db: '',
  tls: false,
};

export type TopologyErrors = Partial<Record<keyof TopologyFormState, string>>;

/** Checks the form with the contract's own schemas; returns the target or the field errors to show inline. */
export function toTopologyTarget(form: TopologyFormState): {
  target?: SentinelTarget | ClusterTarget;
  errors: TopologyErrors;
} {
  const errors: TopologyErrors = {};
  const nodes = form.nodes.split(/[\s,]+/).filter(Boolean);
  const bad = nodes.find((n) => !ClusterTarget.shape.nodes.element.safeParse(n).success);
  if (!nodes.length)
    errors.nodes = form.kind === 'sentinel' ? 'Give at least one sentinel' : 'Give at least one node';
  else if (bad) errors.nodes = `“${bad}” is not host:port`;
  let db: number | undefined;
  if (form.kind === 'sentinel' && form.db.trim() !== '') {
    db = Number(form.db);
    if (!Number.isInteger(db) || db < 0 || db > 15) errors.db = 'A database index from 0 to 15';
  }
  if (form.kind === 'sentinel' && !form.name.trim()) errors.name = 'The master name the sentinels monitor';
  if (Object.keys(errors).length) return { errors };
  const auth = {
    ...(form.username ? { username: form.username } : {}),
    ...(form.password ? { password: form.password } : {}),
    ...(form.tls ? { tls: true } : {}),
  };
  const parsed =
    form.kind === 'sentinel'
      ? SentinelTarget.safeParse({
          mode: 'sentinel',
          sentinels: nodes,
          name: form.name.trim(),
          ...auth,
          ...(form.sentinelPassword ? { sentinelPassword: form.sentinelPassword } : {}),
          ...(db !== undefined ? { db } : {}),
        })
      : ClusterTarget.safeParse({ mode: 'cluster', nodes, ...auth });
  if (!parsed.success) return { errors: { nodes: parsed.error.issues[0]?.message ?? 'invalid' } };
  return { target: parsed.data, errors };
}
