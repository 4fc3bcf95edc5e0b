/** How long a connect may take before it fails with a reason (the command client's, and a cluster client's first). */
export const CONNECT_TIMEOUT_MS = 5000;
