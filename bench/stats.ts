export type BenchResult = { name: string; runs: number; median: number; p95: number; unit: string; target?: string };

export function summarize(name: string, samples: number[], unit: string, target?: string): BenchResult {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
  return { name, runs: s.length, median: at(0.5), p95: at(0.95), unit, target };
}

export function printResults(results: BenchResult[]) {
  for (const r of results) {
    const fmt = (n: number) => (n < 10 ? n.toFixed(3) : n.toFixed(1));
    console.log(
      `${r.name.padEnd(48)} median ${fmt(r.median).padStart(9)} ${r.unit}  p95 ${fmt(r.p95).padStart(9)} ${r.unit}  (n=${r.runs})${r.target ? `  target ${r.target}` : ''}`,
    );
  }
}
