'use client';
import { useEffect, useRef } from 'react';
import type { AdminState } from './actions';

/**
 * The outcome of an admin form: an error is announced at once, a success politely. An error
 * takes the focus, because the form it belongs to is mounted afresh (see `formKey`).
 */
export function FormMessage({ state }: { state: AdminState }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!state.ok && state.message) ref.current?.focus();
  }, [state]);
  if (!state.message) return null;
  return state.ok ? (
    <p role="status" className="alert info">
      {state.message}
    </p>
  ) : (
    <p role="alert" className="alert error" tabIndex={-1} ref={ref}>
      {state.message}
    </p>
  );
}

/**
 * React resets a form after its action, to the defaults it was mounted with; a select does not
 * pick up a changed defaultValue. Keying the form on the answer mounts it again with what was
 * typed (`state.values`), so a refused form keeps its input.
 */
export function formKey(state: AdminState): number {
  return state.at ?? 0;
}

export const INITIAL: AdminState = { ok: false, message: null };

/** An agency's name indented by its depth, for <option>s (a select cannot nest deeper than one level). */
export function indented(name: string, depth: number): string {
  return `${'\u3000'.repeat(depth)}${name}`;
}
