/**
 * What changed between two versions of a report — typically the version a reviewer returned
 * and the one resubmitted — so the reviewer reads only the changes.
 */
import { getCell } from '../report/cells';
import type { CellValue, Report } from '../report/types';
import { parseAmount } from '../summary/decimal';
import type { ReportTemplate, TableKey, ValueType } from '../template/types';
import { sectionHeading, sectionOfTable, tableCells, tableName } from '../template/walk';
import { META_FIELDS } from './meta-fields';
import { describeDiff } from './describe-diff';
import { diffText } from './text-diff';
import type { CellChange, MetaChange, ReportDiff, TextChange } from './types';

const TABLES: readonly TableKey[] = ['table2', 'table3', 'table4'];

/**
 * Same value, not same spelling: an amount typed 1.50 and later 1.5 prints the same figure and
 * is not worth a reviewer's attention. A blank and 0 differ.
 */
function sameValue(a: CellValue, b: CellValue, type: ValueType): boolean {
  if (a === null || b === null) return a === b;
  if (type === 'amount') {
    const x = parseAmount(a);
    const y = parseAmount(b);
    if (x !== null && y !== null) return x === y;
  }
  return a === b;
}

const isZero = (v: CellValue) => v !== null && Number(v) === 0;

/** One side blank, the other 0 (or 0.00). */
export function isBlankVsZero(a: CellValue, b: CellValue): boolean {
  return (a === null && isZero(b)) || (b === null && isZero(a));
}

export function compareReports(template: ReportTemplate, before: Report, after: Report): ReportDiff {
  for (const r of [before, after]) {
    if (r.edition !== template.edition) throw new Error(`报告格式版本 ${r.edition} 与模板 ${template.edition} 不同，无法比较`);
  }

  const meta: MetaChange[] = META_FIELDS.filter(({ field }) => before.meta[field] !== after.meta[field]).map(
    ({ field, label }) => ({ field, label, before: before.meta[field], after: after.meta[field] }),
  );

  const cells: CellChange[] = TABLES.flatMap((key) => {
    const section = sectionOfTable(template, key).key;
    const name = tableName(template, key);
    return tableCells(template, key)
      .map((c) => ({ c, b: getCell(before, c), a: getCell(after, c) }))
      .filter(({ c, b, a }) => !sameValue(b, a, c.valueType))
      .map(({ c, b, a }) => ({
        table: c.table,
        row: c.row,
        col: c.col,
        section,
        tableName: name,
        rowPath: c.rowPath,
        colLabel: c.colLabel,
        before: b,
        after: a,
        blankVsZero: isBlankVsZero(b, a),
      }));
  });

  const texts: TextChange[] = template.sections.flatMap((s) =>
    s.parts.flatMap((p) => {
      const b = before.text[s.key]?.[p.key] ?? '';
      const a = after.text[s.key]?.[p.key] ?? '';
      if (a === b) return [];
      const { segments, inserted, deleted } = diffText(b, a);
      return [{ section: s.key, part: p.key, sectionHeading: sectionHeading(s), partLabel: p.label, before: b, after: a, segments, inserted, deleted }];
    }),
  );

  const isEmpty = !meta.length && !cells.length && !texts.length;
  return { meta, cells, texts, isEmpty, summary: describeDiff({ meta, cells, texts }) };
}
