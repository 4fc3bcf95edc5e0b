import type { UrlTarget } from '../../../../shared/contract';
import { tlsCaError, tlsTargetFields, type TlsFormChoices } from './tls-choices';

export interface UrlFormState extends TlsFormChoices {
  url: string;
  username: string;
  password: string;
  db: string;
  name: string;
}

export const EMPTY_URL_FORM: UrlFormState = {
  url: 'redis://127.0.0.1:6379',
  username: '',
  password: '',
  db: '',
  tls: false,
  tlsCa: '',
  tlsSkipVerify: false,
  name: '',
};

/** Checks the form before anything is sent; returns the target or the field errors to show inline. */
export function toUrlTarget(form: UrlFormState): {
  target?: UrlTarget;
  errors: Partial<Record<keyof UrlFormState, string>>;
} {
  const errors: Partial<Record<keyof UrlFormState, string>> = {};
  const url = form.url.trim();
  if (!/^rediss?:\/\/[^/\s]+/.test(url)) errors.url = 'Use redis://host:port or rediss://host:port';
  let db: number | undefined;
  if (form.db.trim() !== '') {
    db = Number(form.db);
    if (!Number.isInteger(db) || db < 0 || db > 15) errors.db = 'A database index from 0 to 15';
  }
  const caError = tlsCaError(form);
  if (caError) errors.tlsCa = caError;
  if (Object.keys(errors).length) return { errors };
  const target: UrlTarget = { mode: 'url', url, ...tlsTargetFields(form) };
  if (form.username) target.username = form.username;
  if (form.password) target.password = form.password;
  if (db !== undefined) target.db = db;
  return { target, errors };
}
