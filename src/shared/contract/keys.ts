// The keys methods and events; filled in by the keys work. See ./connection.ts for the pattern.
export const keysMethods = {};

export const keysEvents = {};
