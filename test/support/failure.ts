import { expect } from 'vitest';
import { AppError } from '../../lib/errors';

/** The AppError a service call is refused with; fails the test when it succeeds or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
