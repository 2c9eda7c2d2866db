/**
 * `npm run test:quick` is the inner loop: unit tests and one database, and no other program. The
 * tests that start one — LibreOffice converting our DOCX, the `nianbao` binary in a fresh Node
 * process — are listed as skipped there and run in `npm test` (and CI).
 */
import { findSoffice } from '../../lib/soffice';

export const QUICK = process.env.NIANBAO_TEST_QUICK === '1';

/** Where LibreOffice's checks may run: its soffice, or null (not installed, or test:quick). */
export function sofficeForTests(): string | null {
  return QUICK ? null : findSoffice();
}

/** Why a LibreOffice check is skipped, for its title. */
export const sofficeSkipReason = (): string =>
  QUICK ? '（test:quick 不运行 LibreOffice）' : findSoffice() ? '' : '（未安装 soffice：apt-get install libreoffice-writer-nogui）';

/**
 * The seed reports a per-sample check runs over: all of them in `npm test`, the first `n` in
 * test:quick (each is a PDF render or a round trip of a second or more; the inner loop needs
 * the checks, not every sample).
 */
export function quickSample<T>(list: readonly T[], n = 3): T[] {
  return QUICK ? list.slice(0, n) : [...list];
}
