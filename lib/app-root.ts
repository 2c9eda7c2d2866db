import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder of nianbao's package.json: where drizzle/, the font packages and the PDF worker
 * live. Found by walking up from this file, which works from the sources (CLI, tests), from
 * Next's build output (.next/ sits inside the app) and from any working directory.
 */
export function appRoot(): string {
  if (root) return root;
  const starts: string[] = [];
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    /* a bundle without file URLs: fall back to the working directory */
  }
  starts.push(process.cwd());
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const pkg = path.join(dir, 'package.json');
      if (existsSync(pkg)) {
        try {
          if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'nianbao') return (root = dir);
        } catch {
          /* not ours */
        }
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return (root = process.cwd());
}
