'use client';

export type ApiError = { message: string; details?: unknown };

/** POSTs JSON to one of our routes; resolves with the body, or with the route's Chinese error. */
export async function postJson<T>(url: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; error: ApiError }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (res.ok) return { ok: true, data: data as T };
    return { ok: false, error: { message: data.error?.message ?? `服务器错误（${res.status}）`, details: data.error?.details } };
  } catch {
    return { ok: false, error: { message: '无法连接服务器，请稍后重试' } };
  }
}
