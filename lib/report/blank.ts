import type { ReportTemplate, TableKey } from '../template/types';
import { tableAxes, tableCells } from '../template/walk';
import type { Report, TableValues } from './types';

export function standardTitle(template: ReportTemplate, agencyName: string, year: number): string {
  return `${agencyName}${year}年${template.titleSuffix}`;
}

/**
 * The report as it prints for an agency: under the agency's registered name (the agencies
 * table, which only an admin changes), whatever name was typed into or imported with the
 * report — a filer cannot publish under another office's name. A title kept from an import is
 * kept only when it begins with the registered name; otherwise the standard title prints.
 */
export function withRegisteredName(report: Report, registeredName: string): Report {
  const title = report.meta.title;
  const keepTitle = title !== null && title.startsWith(registeredName);
  if (report.meta.agencyName === registeredName && (title === null || keepTitle)) return report;
  return { ...report, meta: { ...report.meta, agencyName: registeredName, title: keepTitle ? title : null } };
}

/** The title as it will print. */
export function reportTitle(template: ReportTemplate, report: Report): string {
  return report.meta.title ?? standardTitle(template, report.meta.agencyName, report.meta.year);
}

function blankTable(template: ReportTemplate, key: TableKey): TableValues {
  const values: TableValues = {};
  for (const row of tableAxes(template, key).rows) values[row] = {};
  for (const cell of tableCells(template, key)) values[cell.row][cell.col] = null;
  return values;
}

/** A new, empty report: every cell blank, every text part empty, the standard period. */
export function blankReport(template: ReportTemplate, init: { agencyName: string; year: number }): Report {
  const text: Report['text'] = {};
  for (const s of template.sections) {
    text[s.key] = {};
    for (const p of s.parts) text[s.key][p.key] = '';
  }
  return {
    format: 'nianbao-report',
    schemaVersion: 1,
    edition: template.edition,
    meta: {
      agencyName: init.agencyName,
      year: init.year,
      title: null,
      periodStart: `${init.year}-01-01`,
      periodEnd: `${init.year}-12-31`,
      publishDate: null,
      contact: '',
      contactAddress: '',
      contactPostcode: '',
      contactPhone: '',
      contactEmail: '',
      totals: 'computed',
    },
    text,
    tables: {
      table2: blankTable(template, 'table2'),
      table3: blankTable(template, 'table3'),
      table4: blankTable(template, 'table4'),
    },
  };
}
