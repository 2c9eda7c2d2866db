import type { ReportTemplate } from '../template/types';
import type { Report } from '../report/types';
import { numericValue, sumCells, getCell } from '../report/cells';
import { isRealDate } from '../report/schema';
import type { CheckContext } from './context';
import type { Finding } from './types';

function partText(report: Report, section: string, part: string): string {
  return report.text[section]?.[part] ?? '';
}

/** PART-EMPTY: every part the format asks for has text. */
export function emptyPartFindings(template: ReportTemplate, report: Report): Finding[] {
  const out: Finding[] = [];
  for (const s of template.sections) {
    for (const p of s.parts) {
      if (!p.required || partText(report, s.key, p.key).trim() !== '') continue;
      out.push({
        id: `PART-EMPTY:${s.key}:${p.key}`,
        rule: 'PART-EMPTY',
        severity: 'warning',
        section: s.key,
        cells: [],
        part: { section: s.key, part: p.key },
        message: `${s.numeral}、${s.title}：「${p.title ?? p.label}」尚未填写`,
      });
    }
  }
  return out;
}

/**
 * FEE-SECTION: 六 must say whether 信息处理费 was collected (国办函〔2020〕109号). When
 * applications lapsed for unpaid fees, a 收费通知 was issued, so the statement is owed all the more.
 */
export function feeStatementFindings(ctx: CheckContext, report: Report): Finding[] {
  const { template } = ctx;
  const { section, part, impliedBy } = template.feeStatement;
  const sec = template.sections.find((s) => s.key === section)!;
  const all = Object.values(report.text[section] ?? {}).join('\n');
  if (template.feeStatementMarkers.some((m) => all.includes(m))) return [];
  const implied = (numericValue(getCell(report, impliedBy)) ?? 0) > 0;
  return [
    {
      id: `FEE-SECTION:${section}`,
      rule: 'FEE-SECTION',
      severity: 'warning',
      section,
      cells: implied ? [impliedBy] : [],
      part: { section, part },
      message: implied
        ? `${ctx.cellLabel(impliedBy)}不为 0，说明发出过收费通知，${sec.numeral}、${sec.title}须说明信息处理费的收取情况`
        : `${sec.numeral}、${sec.title}应说明本年度是否收取信息处理费（收取的写明金额和件数）`,
    },
  ];
}

/** TEXT-NUM: numbers the text quotes (收到申请 N 件, 行政复议 N 件) agree with the tables. */
export function textNumberFindings(ctx: CheckContext, report: Report): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.template.sections) {
    for (const p of s.parts) {
      const text = partText(report, s.key, p.key);
      if (!text) continue;
      for (const rule of ctx.template.textNumbers) {
        for (const m of text.matchAll(rule.pattern)) {
          const quoted = Number(m[1]);
          const sums = rule.sums.map((refs) => sumCells(report, refs));
          if (sums.some((x) => x.blanks > 0) || sums.some((x) => x.sum === quoted)) continue;
          out.push({
            id: `TEXT-NUM:${s.key}:${p.key}:${rule.id}:${m.index}`,
            rule: 'TEXT-NUM',
            severity: 'warning',
            section: s.key,
            cells: rule.sums[0],
            part: { section: s.key, part: p.key },
            lhs: { label: `正文「${m[0].slice(0, 24)}」`, value: quoted },
            rhs: { label: rule.sums[0].map((r) => ctx.cellLabel(r)).join(' + '), value: sums[0].sum },
            difference: quoted - sums[0].sum,
            message: `正文所述${rule.name}（${quoted}）与表格（${sums[0].sum}）不一致`,
          });
        }
      }
    }
  }
  return out;
}

const DATE_IN_TEXT = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
/** 「2024 年 12 年 31 日」: a typo seen in a published report. */
const BROKEN_DATE_IN_TEXT = /\d{4}\s*年\s*\d{1,2}\s*年\s*\d{1,2}\s*日/g;

/** DATE-TEXT: dates written in the text are real dates. */
export function textDateFindings(ctx: CheckContext, report: Report): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.template.sections) {
    for (const p of s.parts) {
      const text = partText(report, s.key, p.key);
      if (!text.includes('年')) continue;
      const bad: string[] = [];
      for (const m of text.matchAll(BROKEN_DATE_IN_TEXT)) bad.push(m[0]);
      for (const m of text.matchAll(DATE_IN_TEXT)) {
        const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
        if (!isRealDate(iso)) bad.push(m[0]);
      }
      for (const b of bad) {
        out.push({
          id: `DATE-TEXT:${s.key}:${p.key}:${b}`,
          rule: 'DATE-TEXT',
          severity: 'warning',
          section: s.key,
          cells: [],
          part: { section: s.key, part: p.key },
          message: `正文中的日期「${b}」写法有误或不是有效日期`,
        });
      }
    }
  }
  return out;
}
