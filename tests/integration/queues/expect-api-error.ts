import { expect } from 'vitest';
import { ApiError, type ErrorCode } from '../../../src/shared/result';

/** Awaits a promise that must fail with an ApiError of this code; returns its message. */
export async function expectApiError(p: Promise<unknown>, code: ErrorCode): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
  return (err as ApiError).message;
}
