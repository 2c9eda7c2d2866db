import type { CleanLine } from './clean-lines';

/** A finding's line range (1-based source line numbers) from line indices. */
export function lineRange(lines: CleanLine[], indices: number[]): { from: number; to: number } | undefined {
  if (indices.length === 0) return undefined;
  const nos = indices.map((i) => lines[i].no);
  return { from: Math.min(...nos), to: Math.max(...nos) };
}

export function spanRange(lines: CleanLine[], start: number, end: number): { from: number; to: number } | undefined {
  if (end <= start || !lines[start]) return undefined;
  return { from: lines[start].no, to: lines[Math.min(end, lines.length) - 1].no };
}
