/** Node's messages for a certificate signed by no CA it trusts (openssl's verify errors). */
const UNTRUSTED =
  /unable to verify the first certificate|self[- ]signed certificate|unable to get (local )?issuer certificate|certificate has expired|certificate is not yet valid/i;
/** ...and for one that does not name the address connected to. */
const OTHER_NAME = /Hostname\/IP does not match certificate|ERR_TLS_CERT_ALTNAME_INVALID/i;

/** How the remedies are named where the user gives them: the API's fields, or the CLI's flags. */
export interface TlsHint {
  ca: string;
  skip: string;
  /** The CA file in use, named when the certificate is not signed by it. */
  caFile?: string;
}

const API_HINT: TlsHint = { ca: 'tlsCa', skip: 'tlsSkipVerify' };

/** Whether a connection failed on the server's certificate (which no retry mends). */
export function isCertificateFailure(message: string): boolean {
  return OTHER_NAME.test(message) || UNTRUSTED.test(message);
}

/** A connection failure with what to do when it is the server's certificate; other messages unchanged. */
export function tlsFailure(message: string, hint: TlsHint = API_HINT): string {
  const skip = `skip verification for a local set-up (${hint.skip})`;
  if (OTHER_NAME.test(message))
    return `${message}: the server's TLS certificate does not name the address connected to (a cluster or Sentinel is reached at the addresses its nodes announce); connect by a name it lists, or ${skip}`;
  if (UNTRUSTED.test(message)) {
    const why = hint.caFile ? `is not signed by the CA in ${hint.caFile}` : 'is not trusted';
    return `${message}: the server's TLS certificate ${why}; give the CA certificate that signed it (${hint.ca}), or ${skip}`;
  }
  return message;
}
