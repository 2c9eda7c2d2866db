'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Report } from '@/lib/report/types';
import type { MergeConflict } from '@/lib/report/merge';

import type { SaveResult } from '@/lib/server/reports';

/** What the server says about the newer version a save collided with. */
export type Conflict = Extract<SaveResult, { ok: false }>['conflict'];

export type SaveState =
  /** The server HTML, before the editor's script has started: nothing can be saved yet. */
  | { kind: 'starting' }
  /** The form holds exactly what the server acknowledged as `version` at `at`. */
  | { kind: 'saved'; at: string; version: number }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  /**
   * A failed save, retried by itself `retryInSeconds` later, at `retryAt` (ms since the epoch; null
   * until scheduled) — or at once when the browser says the network is back. `expired`: the session
   * ended (401).
   */
  | { kind: 'error'; message: string; attempt: number; retryInSeconds: number; retryAt: number | null; expired?: true }
  | { kind: 'conflict'; conflict: Conflict }
  | { kind: 'invalid'; message: string };

const DEBOUNCE_MS = 1000;
const MAX_RETRY_SECONDS = 30;

type Options = {
  reportId: string;
  version: number;
  savedAt: string;
  form: UseFormReturn<Report>;
  enabled: boolean;
  /**
   * Three-way merge of this page's content and a newer saved version against the version both
   * started from (lib/report/merge.ts). With it a refused save merges: what only one side
   * changed is kept from both without asking, and only leaves changed on both sides are left to
   * choose (`merge` below).
   */
  merge?(base: Report, mine: Report, theirs: Report): { merged: Report; conflicts: MergeConflict[] };
  /** Resolves the choices: for each conflict chosen 'theirs', the other side's value. */
  resolve?(merged: Report, conflicts: MergeConflict[], theirs: Set<number>): Report;
};

/** A refused save that merged with conflicts: what to choose, and the version it merges onto. */
export type PendingMerge = { merged: Report; conflicts: MergeConflict[]; version: number; content: Report; updatedByName: string | null };

/**
 * Saves the draft to the server shortly after every change. Each save names the version it
 * was based on; the server refuses a save from a stale copy (another tab, another person),
 * and then nothing more is sent until the user decides — their input stays in the form.
 * Network and server errors are retried with backoff, and said so.
 */
export function useAutosave({ reportId, version, savedAt, form, enabled, merge, resolve }: Options) {
  // The server renders 「starting」: a page whose script never runs (an old kernel, scripts
  // off) must not say 已保存 while the clerk types into it. The effect below runs only once
  // the editor is live in the browser.
  const [state, setState] = useState<SaveState>({ kind: 'starting' });
  const [pendingMerge, setPendingMerge] = useState<PendingMerge | null>(null);
  /** 「已与…保存的修改合并」 after a refused save merged without conflicts. */
  const [mergedNote, setMergedNote] = useState<string | null>(null);
  // Refs, not state: the save loop reads them between renders without re-subscribing.
  const versionRef = useRef(version);
  /** The last acknowledgement: the version the server answered with, and when it was saved. */
  const acked = useRef({ version, at: savedAt });
  const savedJson = useRef(JSON.stringify(form.getValues()));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const attempt = useRef(0);
  const blocked = useRef(false);

  const saveNow = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current || blocked.current) return;
    const content = form.getValues();
    const json = JSON.stringify(content);
    if (json === savedJson.current) {
      // Back to what the server holds: the acknowledgement of that content, not the clock.
      setState((s) => (s.kind === 'saved' ? s : { kind: 'saved', ...acked.current }));
      return;
    }
    inFlight.current = true;
    setState({ kind: 'saving' });
    let retry = false;
    let again = false;
    try {
      const res = await fetch(`/api/reports/${reportId}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ baseVersion: versionRef.current, content }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok && Number.isInteger(body.version)) {
        versionRef.current = body.version;
        acked.current = { version: body.version, at: body.updatedAt };
        savedJson.current = json;
        attempt.current = 0;
        if (JSON.stringify(form.getValues()) !== json) {
          setState({ kind: 'dirty' });
          timer.current = setTimeout(() => void saveNow(), DEBOUNCE_MS);
        } else setState({ kind: 'saved', ...acked.current });
      } else if (res.status === 409) {
        blocked.current = true;
        const conflict = body.error?.details as Conflict;
        const latest = merge ? await fetch(`/api/reports/${reportId}`, { cache: 'no-store' }).then((r) => (r.ok ? r.json() : null)) : null;
        if (merge && latest) {
          const { merged, conflicts } = merge(JSON.parse(savedJson.current), form.getValues(), latest.content);
          if (conflicts.length === 0) {
            // Both sides' changes kept: saved over the newer version as this page's next save.
            versionRef.current = latest.version;
            savedJson.current = JSON.stringify(latest.content);
            blocked.current = false;
            form.reset(merged);
            setMergedNote(`已与${conflict?.updatedByName ?? '其他窗口'}保存的第 ${latest.version} 版合并：双方修改了不同的部分，都已保留。`);
            again = true;
          } else {
            setPendingMerge({ merged, conflicts, version: latest.version, content: latest.content, updatedByName: conflict?.updatedByName ?? null });
            setState({ kind: 'conflict', conflict });
          }
        } else setState({ kind: 'conflict', conflict });
      } else if (res.status === 400) {
        blocked.current = true;
        setState({ kind: 'invalid', message: body.error?.message ?? '内容无效，无法保存' });
      } else {
        retry = true;
        setState({
          kind: 'error',
          message: res.ok ? '服务器没有确认保存' : res.status === 401 ? '登录已过期' : body.error?.message ?? `服务器错误（${res.status}）`,
          attempt: attempt.current + 1,
          retryInSeconds: 0,
          retryAt: null,
          ...(res.status === 401 ? { expired: true as const } : {}),
        });
      }
    } catch {
      retry = true;
      setState({ kind: 'error', message: navigator.onLine === false ? '网络已断开' : '无法连接服务器', attempt: attempt.current + 1, retryInSeconds: 0, retryAt: null });
    } finally {
      inFlight.current = false;
    }
    if (again) return saveNow();
    if (retry) {
      attempt.current++;
      const delay = Math.min(MAX_RETRY_SECONDS, 2 ** attempt.current);
      const retryAt = Date.now() + delay * 1000;
      setState((s) => (s.kind === 'error' ? { ...s, retryInSeconds: delay, retryAt } : s));
      timer.current = setTimeout(() => void saveNow(), delay * 1000);
    }
  }, [form, reportId, merge]);

  // Live in the browser: the form holds the version the page was loaded with.
  useEffect(() => {
    setState((s) => (s.kind === 'starting' ? { kind: 'saved', ...acked.current } : s));
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const sub = form.watch(() => {
      if (blocked.current) return;
      setState((s) => (s.kind === 'error' ? s : { kind: 'dirty' }));
      if (attempt.current > 0) return; // a retry is already scheduled
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), DEBOUNCE_MS);
    });
    return () => {
      sub.unsubscribe();
      clearTimeout(timer.current);
    };
  }, [enabled, form, saveNow]);

  // A retry is waiting: the network coming back (the browser's `online`), or the clerk back in
  // this tab after signing in again in another one, retries at once instead of at the countdown's end.
  useEffect(() => {
    const now = () => {
      if (attempt.current === 0 || blocked.current || inFlight.current) return;
      void saveNow();
    };
    const onFocus = () => {
      if (state.kind === 'error' && state.expired) now();
    };
    window.addEventListener('online', now);
    window.addEventListener('focus', onFocus);
    return () => {
      window.removeEventListener('online', now);
      window.removeEventListener('focus', onFocus);
    };
  }, [saveNow, state]);

  // Leaving the page with input that is not on the server: let the browser ask.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (JSON.stringify(form.getValues()) !== savedJson.current) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [form]);

  /** After a conflict: save this page's content over the newer version. */
  const overwrite = useCallback(async () => {
    const res = await fetch(`/api/reports/${reportId}`, { cache: 'no-store' });
    if (!res.ok) return;
    const latest = await res.json();
    versionRef.current = latest.version;
    blocked.current = false;
    await saveNow();
  }, [reportId, saveNow]);

  /** After a conflict: drop this page's changes and load the newer version. */
  const loadLatest = useCallback(async () => {
    const res = await fetch(`/api/reports/${reportId}`, { cache: 'no-store' });
    if (!res.ok) return;
    const latest = await res.json();
    versionRef.current = latest.version;
    acked.current = { version: latest.version, at: latest.updatedAt };
    savedJson.current = JSON.stringify(latest.content);
    blocked.current = false;
    form.reset(latest.content);
    setPendingMerge(null);
    setState({ kind: 'saved', ...acked.current });
  }, [form, reportId]);

  /** After a merge with conflicts: the choices made (indexes of conflicts taken from the newer version), saved. */
  const resolveConflicts = useCallback(
    async (theirs: Set<number>) => {
      if (!pendingMerge || !resolve) return;
      versionRef.current = pendingMerge.version;
      savedJson.current = JSON.stringify(pendingMerge.content);
      blocked.current = false;
      form.reset(resolve(pendingMerge.merged, pendingMerge.conflicts, theirs));
      setPendingMerge(null);
      setMergedNote(`已合并${pendingMerge.updatedByName ? `${pendingMerge.updatedByName}保存的` : '其他窗口保存的'}第 ${pendingMerge.version} 版，按所选保存。`);
      await saveNow();
    },
    [form, pendingMerge, resolve, saveNow],
  );

  const retryNow = useCallback(() => {
    attempt.current = 0;
    blocked.current = false;
    void saveNow();
  }, [saveNow]);

  /** The version the server holds for what this page last saved. */
  const currentVersion = useCallback(() => versionRef.current, []);

  return { state, saveNow, overwrite, loadLatest, retryNow, currentVersion, pendingMerge, resolveConflicts, mergedNote, clearMergedNote: () => setMergedNote(null) };
}
