// The processes methods and events; filled in by the processes work. See ./connection.ts for the pattern.
export const processesMethods = {};

export const processesEvents = {};
