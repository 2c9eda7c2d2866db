'use client';
import { useRef, useState } from 'react';
import { zipProgress } from '@/lib/export/zip-progress';

type State =
  | { kind: 'idle' }
  | { kind: 'loading'; done: number; total: number; current: string; bytes: number }
  | { kind: 'done'; fileName: string; files: number; bytes: number }
  | { kind: 'browser' }
  | { kind: 'error'; message: string };

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function fileNameOf(res: Response, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('Content-Disposition') ?? '');
  return m ? decodeURIComponent(m[1]) : fallback;
}

/**
 * Above this many reports (about 25 MB a hundred) the package is not gathered in the tab's
 * memory: it goes to a file the user picks, as it arrives, or the browser downloads it itself.
 */
const IN_TAB_MAX = 200;

type SaveFilePicker = (o: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<{
  createWritable(): Promise<{ write(b: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
}>;

/** Chromium 86+ on https or localhost can write a file as it arrives; an intranet page over http cannot. */
const filePicker = (): SaveFilePicker | undefined => (typeof window !== 'undefined' ? (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker : undefined);

/**
 * 「打包下载」: reads the district package as a stream and shows which file it has reached (the
 * ZIP's entry names as they arrive). A small package is then saved from the tab; a large one is
 * written to the file the user picks as it arrives (where the browser allows), or downloaded
 * by the browser itself — memory stays flat either way. A scope with branches (a province's
 * cities, a city's districts) offers one package per branch.
 */
export function PackageDownload({ year, approved, branches = [] }: { year: number; approved: number; branches?: { id: string; name: string }[] }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const href = (under?: string) => `/api/review/package?year=${year}${under ? `&under=${under}` : ''}`;
  const large = approved > IN_TAB_MAX;

  const start = async () => {
    const picker = large ? filePicker() : undefined;
    if (large && !picker) {
      // The browser downloads it and shows its own progress; nothing is held in the tab.
      window.location.assign(href());
      setState({ kind: 'browser' });
      return;
    }
    let file: Awaited<ReturnType<Awaited<ReturnType<SaveFilePicker>>['createWritable']>> | undefined;
    if (picker) {
      try {
        const handle = await picker({ suggestedName: `${year}年报告.zip`, types: [{ description: 'ZIP 压缩包', accept: { 'application/zip': ['.zip'] } }] });
        file = await handle.createWritable();
      } catch {
        return; // the user closed the dialog
      }
    }
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'loading', done: 0, total: 0, current: '', bytes: 0 });
    try {
      const res = await fetch(href(), { signal: controller.signal });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `打包失败（${res.status}）`);
      }
      const total = Number(res.headers.get('X-Package-Files') ?? 0);
      const progress = zipProgress();
      const parts: Uint8Array[] = [];
      let done = 0;
      let bytes = 0;
      let current = '';
      const reader = res.body.getReader();
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        if (file) await file.write(value);
        else parts.push(value);
        bytes += value.length;
        const names = progress.push(value);
        if (names.length) {
          done += names.length;
          current = names[names.length - 1];
        }
        setState({ kind: 'loading', done: Math.min(done, total), total, current, bytes });
      }
      const fileName = fileNameOf(res, `${year}年报告.zip`);
      if (file) {
        await file.close();
        setState({ kind: 'done', fileName, files: done, bytes });
        return;
      }
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: 'done', fileName, files: done, bytes });
    } catch (e) {
      await file?.abort().catch(() => undefined);
      if (controller.signal.aborted) setState({ kind: 'idle' });
      else setState({ kind: 'error', message: e instanceof Error ? e.message : '打包失败' });
    } finally {
      abort.current = null;
    }
  };

  return (
    <div className="package-download" data-testid="package-download">
      {state.kind === 'loading' ? (
        <button type="button" className="btn" onClick={() => abort.current?.abort()}>
          取消打包
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => void start()} disabled={approved === 0}>
          打包下载（{approved} 份已通过的报告）
        </button>
      )}
      <div role="status" aria-live="polite" className="package-status">
        {state.kind === 'loading' && (
          <>
            <progress max={state.total || 1} value={state.done} aria-label="打包进度" />{' '}
            <span>
              已打包 {state.done} / {state.total} 个文件，{mb(state.bytes)}
              {state.current && <span className="package-current">：{state.current}</span>}
            </span>
          </>
        )}
        {state.kind === 'done' && (
          <span data-testid="package-done">
            已下载 {state.fileName}（{state.files} 个文件，{mb(state.bytes)}）
          </span>
        )}
        {state.kind === 'browser' && (
          <span data-testid="package-browser">
            共 {approved} 份报告，文件较大：由浏览器直接下载，进度见浏览器的下载栏（可在那里取消）。
          </span>
        )}
        {state.kind === 'error' && <span className="alert error">{state.message}</span>}
      </div>
      {branches.length > 0 && (
        <details className="package-branches">
          <summary>按下级分别打包</summary>
          <ul>
            {branches.map((b) => (
              <li key={b.id}>
                <a href={href(b.id)} download>
                  {b.name}
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
