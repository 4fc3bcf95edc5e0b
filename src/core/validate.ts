import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type ParsedParams } from '../shared/contract';
import { ApiError } from '../shared/result';

/** Checks params against the method's schema; the error names the field that failed. */
export function validateParams<M extends MethodName>(method: M, params: unknown): ParsedParams<M> {
  const schema = methods[method].input as z.ZodType;
  const parsed = schema.safeParse(params ?? {});
  if (parsed.success) return parsed.data as ParsedParams<M>;
  throw new ApiError('INVALID_INPUT', describeIssues(parsed.error));
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .flatMap(closestBranch)
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.length ? issue.path.map(String).join('.') : 'params';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

export function requireMethodName(name: unknown): MethodName {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ApiError('BAD_REQUEST', 'a request needs a string "method"');
  }
  if (!isMethodName(name)) throw new ApiError('UNKNOWN_METHOD', `unknown method "${name}"`);
  return name;
}

/**
 * A union's bare "Invalid input" says nothing: report the issues of the branch the input looks most like (the
 * one that does not refuse its keys, then the one with the fewest issues), with their full paths.
 */
function closestBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
  const score = (branch: z.core.$ZodIssue[]): number =>
    branch.filter((i) => i.code === 'unrecognized_keys').length * 100 + branch.length;
  const best = [...issue.errors].sort((a, b) => score(a) - score(b))[0]!;
  return best.flatMap((i) => closestBranch({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue));
}
