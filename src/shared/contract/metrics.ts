// The metrics methods and events; filled in by the queue UI work. See ./connection.ts for the pattern.
export const metricsMethods = {};

export const metricsEvents = {};
