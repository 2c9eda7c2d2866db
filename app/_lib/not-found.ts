import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/** For pages: what a service read, or Next's 404 page when the service says it is not found (outside the user's scope too). */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
}
