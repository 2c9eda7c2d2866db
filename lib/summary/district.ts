/**
 * A district summary as the service hands it out (lib/server/summary.ts computes it): the sum of
 * the reports below an agency, the roll-up per agency directly below, the completion counts —
 * and which statuses a summary counts. Plain data: pages, files and the insight read it.
 */
import type { Finding } from '../checks';
import type { Report } from '../report/types';
import type { ReportStatus } from '../review/transitions';
import type { BlankCell, UnreadableCell } from './sum-reports';

/** `approved`: only 已通过; `submitted`: everything handed in (已提交 or 已通过). */
export type SummaryInclude = 'approved' | 'submitted';

export const INCLUDED_STATUSES: Record<SummaryInclude, readonly ReportStatus[]> = {
  approved: ['approved'],
  submitted: ['submitted', 'approved'],
};

export const INCLUDE_NAMES: Record<SummaryInclude, string> = {
  approved: '已通过的报告',
  submitted: '已提交和已通过的报告',
};

export type SummaryAgency = {
  agencyId: string;
  agencyName: string;
  status: ReportStatus | 'none';
  /** Added to the sum (its status is included and its format edition is the template's). */
  isIncluded: boolean;
  /** Why a report of an included status was nevertheless left out. */
  note: string | null;
};

export type StatusCounts = Record<ReportStatus | 'none', number>;

/**
 * One agency directly below the summary's root, with the roll-up of its whole subtree: its
 * figures (a district's = its street offices and bureaus, and below them, level by level) and
 * the completion of every agency in it.
 */
export type SummaryChild = {
  agencyId: string;
  agencyName: string;
  /** Nothing below it: its own report is its figures (a link to the report, not a summary). */
  isLeaf: boolean;
  /** Its report of the year, when it has one (leaves: what a drill-down ends on). */
  reportId: string | null;
  /** Agencies in its subtree, itself included. */
  agencies: number;
  counts: StatusCounts;
  /** Reports added into its figures. */
  included: number;
  report: Report;
};

export type DistrictSummary = {
  year: number;
  include: SummaryInclude;
  /** The agency summed: the user's own, or the one drilled down to. */
  agencyId: string;
  districtName: string;
  /** The way from the user's own agency down to this one (both included), for the breadcrumb. */
  path: { agencyId: string; agencyName: string }[];
  /** How many agencies of the whole subtree are at each status (未开始 when there is no report yet). */
  counts: StatusCounts;
  agencies: SummaryAgency[];
  /** The agencies directly below, each with its subtree's roll-up, in name order. */
  children: SummaryChild[];
  /** Reports added. */
  included: number;
  /** The sum as a report of the current template (totals as summed, so the checks judge them). */
  report: Report;
  /** R1–R6 on the sum; empty when nothing was added (a blank sum is not an error to fix). */
  findings: Finding[];
  blanks: BlankCell[];
  unreadable: UnreadableCell[];
  /** Plain Chinese: what was added and what the sum leaves out. */
  message: string;
};
