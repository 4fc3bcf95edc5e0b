// The queues methods and events; filled in by the queues work. See ./connection.ts for the pattern.
export const queuesMethods = {};

export const queuesEvents = {};
