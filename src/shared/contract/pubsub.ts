// The pubsub methods and events; filled in by the pubsub work. See ./connection.ts for the pattern.
export const pubsubMethods = {};

export const pubsubEvents = {};
