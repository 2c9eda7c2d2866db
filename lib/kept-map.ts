/**
 * A bounded map of what an instance keeps between requests, least recently used dropped first
 * (lib/server/summary-cache.ts, lib/server/insight-cache.ts, the charts' drawings in
 * lib/insight/charts.ts). Each entry has a weight (1 by default; the insight weighs a scope by
 * its units) and the total stays within `max` — except one entry heavier than `max` alone, which
 * is kept until the next one comes. What the server keeps of the database carries the
 * fingerprint it was computed under; the callers compare it with one read from the database on
 * every request, so nothing here is ever served without that check.
 */
export class KeptMap<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly max: number,
    private readonly weight: (value: V) => number = () => 1,
  ) {}

  /** The value kept under `key`, now the most recently used. */
  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key); // re-inserted last: the Map's order is the order of use
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.weight(value);
    this.entries.set(key, { value, weight });
    this.total += weight;
    while (this.total > this.max && this.entries.size > 1) this.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.total -= old.weight;
  }
}
