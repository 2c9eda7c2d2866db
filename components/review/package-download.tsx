'use client';
import { useRef, useState } from 'react';
import { zipProgress } from '@/lib/export/zip-progress';

type State =
  | { kind: 'idle' }
  | { kind: 'loading'; done: number; total: number; current: string; bytes: number }
  | { kind: 'done'; fileName: string; files: number; bytes: number }
  | { kind: 'error'; message: string };

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function fileNameOf(res: Response, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('Content-Disposition') ?? '');
  return m ? decodeURIComponent(m[1]) : fallback;
}

/**
 * 「打包下载」: fetches the district package as a stream and shows which file it has reached
 * (the ZIP's entry names as they arrive), then saves it. For 60+ agencies this takes a while.
 */
export function PackageDownload({ year, approved }: { year: number; approved: number }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'loading', done: 0, total: 0, current: '', bytes: 0 });
    try {
      const res = await fetch(`/api/review/package?year=${year}`, { signal: controller.signal });
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
        parts.push(value);
        bytes += value.length;
        const names = progress.push(value);
        if (names.length) {
          done += names.length;
          current = names[names.length - 1];
        }
        setState({ kind: 'loading', done: Math.min(done, total), total, current, bytes });
      }
      const fileName = fileNameOf(res, `${year}年报告.zip`);
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: 'done', fileName, files: done, bytes });
    } catch (e) {
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
        {state.kind === 'error' && <span className="alert error">{state.message}</span>}
      </div>
    </div>
  );
}
