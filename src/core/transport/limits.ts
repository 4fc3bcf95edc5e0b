/** How much one WebSocket client may make serve hold; serve's defaults, smaller ones in tests. */
export interface TransportLimits {
  /** Largest frame accepted; a bigger one closes the socket with 1009. */
  maxFrameBytes: number;
  /** Largest reply sent; a bigger result is answered with TOO_LARGE instead (ask for a smaller page). */
  maxReplyBytes: number;
  /** Calls of one client running at once; past it, serve stops reading that client's socket until some end. */
  maxInFlight: number;
  /** Reply bytes of one client not yet written to its socket; past it, reading pauses the same way. */
  maxUnsentBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: TransportLimits = {
  // The largest input the contract takes is a 64 MiB pub/sub payload; one more MiB holds its envelope.
  maxFrameBytes: 65 * MiB,
  maxReplyBytes: 64 * MiB,
  maxInFlight: 32,
  maxUnsentBytes: 16 * MiB,
};
