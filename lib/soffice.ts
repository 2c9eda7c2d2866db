/**
 * Where LibreOffice's soffice is, or null when it is not installed: a tool several parts use —
 * the importer converts legacy .doc/.wps with it (lib/import/office-convert.ts), the tests and
 * benchmarks open our DOCX in it (lib/render/docx/libreoffice.ts). $SOFFICE first.
 */
import { existsSync } from 'node:fs';

export function findSoffice(): string | null {
  for (const p of [process.env.SOFFICE, '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'])
    // A path known only at run time: Next's build must not trace the project for it.
    if (p && existsSync(/*turbopackIgnore: true*/ p)) return p;
  return null;
}
