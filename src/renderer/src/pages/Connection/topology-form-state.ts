import {
  ClusterTarget,
  SentinelTarget,
  type PublicTopologyTarget,
  type SavedConnection,
} from '../../../../shared/contract';

import { tlsCaError, tlsTargetFields, type TlsFormChoices } from './tls-choices';

export type TopologyKind = 'sentinel' | 'cluster';

/** TLS applies to the data nodes and, on Sentinel, to the sentinels too. */
export interface TopologyFormState extends TlsFormChoices {
  kind: TopologyKind;
  /** host:port, one a line (or comma-separated). */
  nodes: string;
  /** Sentinel: the master name. */
  name: string;
  username: string;
  password: string;
  sentinelUsername: string;
  sentinelPassword: string;
  db: string;
  /** The name to save the connection under. */
  saveAs: string;
}

export const EMPTY_TOPOLOGY_FORM: TopologyFormState = {
  kind: 'sentinel',
  nodes: '',
  name: 'mymaster',
  username: '',
  password: '',
  sentinelUsername: '',
  sentinelPassword: '',
  db: '',
  tls: false,
  tlsCa: '',
  tlsSkipVerify: false,
  saveAs: '',
};

/** The form filled from a saved Sentinel or Cluster connection (its passwords stay stored: fields left empty). */
export function formFromSaved(c: SavedConnection & { target: PublicTopologyTarget }): TopologyFormState {
  const t = c.target;
  const common = {
    ...EMPTY_TOPOLOGY_FORM,
    username: t.username ?? '',
    // A saved CA or skip-verify means TLS even where `tls` was left out (the host reads it so too).
    tls: Boolean(t.tls || t.tlsCa || t.tlsSkipVerify),
    tlsCa: t.tlsCa ?? '',
    tlsSkipVerify: t.tlsSkipVerify ?? false,
    saveAs: c.name,
  };
  if (t.mode === 'cluster') return { ...common, kind: 'cluster', nodes: t.nodes.join('\n') };
  return {
    ...common,
    kind: 'sentinel',
    nodes: t.sentinels.join('\n'),
    name: t.name,
    sentinelUsername: t.sentinelUsername ?? '',
    db: t.db === undefined ? '' : String(t.db),
  };
}

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
  const caError = tlsCaError(form);
  if (caError) errors.tlsCa = caError;
  if (Object.keys(errors).length) return { errors };
  const auth = {
    ...(form.username ? { username: form.username } : {}),
    ...(form.password ? { password: form.password } : {}),
    ...tlsTargetFields(form),
  };
  const parsed =
    form.kind === 'sentinel'
      ? SentinelTarget.safeParse({
          mode: 'sentinel',
          sentinels: nodes,
          name: form.name.trim(),
          ...auth,
          ...(form.sentinelUsername ? { sentinelUsername: form.sentinelUsername } : {}),
          ...(form.sentinelPassword ? { sentinelPassword: form.sentinelPassword } : {}),
          ...(db !== undefined ? { db } : {}),
        })
      : ClusterTarget.safeParse({ mode: 'cluster', nodes, ...auth });
  if (!parsed.success) return { errors: { nodes: parsed.error.issues[0]?.message ?? 'invalid' } };
  return { target: parsed.data, errors };
}
