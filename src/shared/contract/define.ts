import type { z } from 'zod';

/** A phantom value that carries an output or event payload type through `typeof`. */
export function type<T>(): T {
  return undefined as unknown as T;
}

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: O;
}

export type MethodTable = Record<string, MethodDef>;
export type EventTable = Record<string, unknown>;
