/**
 * Generated reports, for the tests and the province demo (lib/db/seed-province.ts): random,
 * internally consistent tables (every rule holds in every column), so a test can break one
 * thing and see exactly that reported.
 */
import { blankReport } from './blank';
import { recomputeTotals, setCell } from './cells';
import type { Report } from './types';
import { template2021 as template } from '../../templates/2021';

export const APPLICANTS = ['natural', 'business', 'research', 'publicWelfare', 'legalService', 'otherOrg'];
export const T3_COLUMNS = [...APPLICANTS, 'total'];
export const RESULT_LEAVES = [
  'granted', 'partial',
  'stateSecret', 'lawForbidden', 'threeSecurityOneStability', 'thirdPartyRights', 'internalAffairs', 'processInfo', 'enforcementCase', 'adminQuery',
  'notHeld', 'needsCreation', 'unclearAfterCorrection',
  'complaint', 'duplicate', 'publication', 'massRepeated', 'confirmOrReissue',
  'noCorrection', 'feeUnpaid', 'otherHandling',
];
export const T3_ROWS = ['newReceived', 'carriedOver', ...RESULT_LEAVES, 'resultsTotal', 'carriedForward'];
export const T4_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'];
export const T4_MEASURES = ['upheld', 'corrected', 'other', 'pending'];

/** A small deterministic PRNG (mulberry32): failures reproduce from the seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A complete report whose tables satisfy R1–R4 everywhere; `scale` sets how large the numbers are. */
export function consistentReport(seed = 1, scale = 50, agencyName = '文峰区测试街道办事处', year = 2024): Report {
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  let r = blankReport(template, { agencyName, year });
  for (const col of APPLICANTS) {
    let results = 0;
    for (const row of RESULT_LEAVES) {
      const v = rand() < 0.4 ? int(scale) : 0;
      results += v;
      r = setCell(r, { table: 'table3', row, col }, v);
    }
    const carriedForward = int(scale);
    const carriedOver = int(results + carriedForward);
    r = setCell(r, { table: 'table3', row: 'carriedForward', col }, carriedForward);
    r = setCell(r, { table: 'table3', row: 'carriedOver', col }, carriedOver);
    r = setCell(r, { table: 'table3', row: 'newReceived', col }, results + carriedForward - carriedOver);
  }
  for (const group of T4_GROUPS) for (const m of T4_MEASURES) r = setCell(r, { table: 'table4', row: group, col: m }, int(scale));
  for (const row of ['rules', 'normativeDocuments'])
    for (const col of ['issued', 'abolished', 'inForce']) r = setCell(r, { table: 'table2', row, col }, int(scale));
  for (const row of ['licensing', 'punishment', 'coercion']) r = setCell(r, { table: 'table2', row, col: 'decisions' }, int(scale * 1000));
  r = setCell(r, { table: 'table2', row: 'administrativeFees', col: 'amount' }, `${int(99999)}.${String(int(9999)).padStart(4, '0')}`);
  r = recomputeTotals(template, r);
  const total = r.tables.table3.newReceived.total;
  for (const s of template.sections) for (const p of s.parts) r.text[s.key][p.key] = `${p.label}的情况说明。`;
  r.text.overview.onRequest = `本年度共收到政府信息公开申请${total}件，均按时答复。`;
  r.text.otherMatters.processingFee = '本年度未收取信息处理费。';
  return r;
}
