/** The TLS choices of a connection form, the same for a URL, a Sentinel and a Cluster connection. */
export interface TlsFormChoices {
  tls: boolean;
  tlsCa: string;
  tlsSkipVerify: boolean;
}

export const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/** Why the CA field cannot be sent, or undefined when it is empty or holds a PEM certificate. */
export function tlsCaError(form: TlsFormChoices): string | undefined {
  if (form.tls && form.tlsCa.trim() && !form.tlsCa.includes(PEM_CERTIFICATE))
    return `Paste the CA certificate in PEM form (${PEM_CERTIFICATE}…)`;
  return undefined;
}

/** The target fields for the choices (none when TLS is off: a CA alone does not turn it on from the form). */
export function tlsTargetFields(form: TlsFormChoices): { tls?: true; tlsCa?: string; tlsSkipVerify?: true } {
  if (!form.tls) return {};
  return {
    tls: true,
    ...(form.tlsCa.trim() ? { tlsCa: form.tlsCa.trim() } : {}),
    ...(form.tlsSkipVerify ? { tlsSkipVerify: true } : {}),
  };
}
