import { describe, expect, it } from 'vitest';
import {
  EMPTY_TOPOLOGY_FORM,
  formFromSaved,
  toTopologyTarget,
} from '../../../src/renderer/src/pages/Connection/topology-form-state';
import { targetOf } from '../../../src/renderer/src/pages/Connection/saved-target';
import { toUrlTarget, EMPTY_URL_FORM } from '../../../src/renderer/src/pages/Connection/url-form-state';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const cluster = { ...EMPTY_TOPOLOGY_FORM, kind: 'cluster' as const, nodes: '10.0.0.1:7000' };

describe('TLS choices of the Sentinel / Cluster form', () => {
  it('sends the CA and skip-verify with TLS on, and nothing of them with TLS off', () => {
    const on = { ...cluster, tls: true, tlsCa: `  ${PEM}\n`, tlsSkipVerify: true };
    expect(toTopologyTarget(on).target).toEqual({
      mode: 'cluster',
      nodes: ['10.0.0.1:7000'],
      tls: true,
      tlsCa: PEM,
      tlsSkipVerify: true,
    });
    expect(toTopologyTarget({ ...on, tls: false }).target).toEqual({
      mode: 'cluster',
      nodes: ['10.0.0.1:7000'],
    });
    const sentinel = { ...EMPTY_TOPOLOGY_FORM, nodes: '10.0.0.1:26379', tls: true, tlsCa: PEM };
    expect(toTopologyTarget(sentinel).target).toMatchObject({ mode: 'sentinel', tls: true, tlsCa: PEM });
  });

  it('refuses a CA that is not PEM, on the CA field, as the URL form does', () => {
    const bad = { ...cluster, tls: true, tlsCa: 'not a certificate' };
    expect(toTopologyTarget(bad)).toEqual({ errors: { tlsCa: expect.stringMatching(/PEM form/) } });
    expect(toUrlTarget({ ...EMPTY_URL_FORM, tls: true, tlsCa: 'nope' }).errors.tlsCa).toBe(
      toTopologyTarget(bad).errors.tlsCa,
    );
  });

  it('fills the form from a saved connection with its CA and skip-verify (TLS on when either is set)', () => {
    const form = formFromSaved({
      name: 'staging',
      url: 'redis-cluster://10.0.0.1:7000',
      mode: 'cluster',
      target: { mode: 'cluster', nodes: ['10.0.0.1:7000'], tlsCa: PEM, tlsSkipVerify: false },
      hasPassword: false,
    });
    expect(form).toMatchObject({ kind: 'cluster', tls: true, tlsCa: PEM, tlsSkipVerify: false });
    expect(toTopologyTarget(form).target).toEqual({
      mode: 'cluster',
      nodes: ['10.0.0.1:7000'],
      tls: true,
      tlsCa: PEM,
    });
  });
});

describe('connecting from the saved list', () => {
  it('keeps the CA and skip-verify of a saved URL connection (they were dropped before)', () => {
    const target = targetOf({
      name: 'staging',
      url: 'rediss://default:***@10.0.0.1:6380',
      tls: true,
      tlsCa: PEM,
      tlsSkipVerify: true,
      hasPassword: true,
    });
    expect(target).toMatchObject({
      mode: 'url',
      url: 'rediss://default@10.0.0.1:6380',
      tls: true,
      tlsCa: PEM,
      tlsSkipVerify: true,
      saved: 'staging',
    });
  });

  it('hands a saved Cluster target over whole, CA included', () => {
    const target = { mode: 'cluster' as const, nodes: ['10.0.0.1:7000'], tls: true, tlsCa: PEM };
    expect(
      targetOf({
        name: 'c',
        url: 'redis-cluster://10.0.0.1:7000',
        mode: 'cluster',
        target,
        hasPassword: false,
      }),
    ).toEqual({
      ...target,
      saved: 'c',
    });
  });
});
