/**
 * The district insight as the service hands it out (lib/server/insight.ts gathers it for a
 * reviewer's scope): the indicators of the year, their trend, the ranking, the completion per
 * level and the risk flags. Plain data: the page, the XLSX and the PDF read it.
 */
import type { ReportStatus } from '../review/transitions';
import type { SummaryInclude } from '../summary/district';
import type { AgencyFigure, Indicator, IndicatorKey } from './indicators';
import type { RiskFlag, RiskRule, RiskThresholds } from './risk';
import type { Branch } from './branches';

/** One year of the trend: units counted, 依申请新收, and the disclosure rate with its parts. */
export type TrendPoint = { year: number; units: number; newReceived: number; disclosure: { numerator: number; denominator: number; value: number | null } };

export type CompletionCounts = Record<ReportStatus | 'none' | 'late', number>;
/** Level 1: the agencies directly below the reviewer's own; level 2 below those… */
export type CompletionLevel = { level: number; counts: CompletionCounts };

export type DistrictInsight = {
  year: number;
  include: SummaryInclude;
  /** The agency analysed: the user's own, or the one drilled down to. */
  agencyId: string;
  districtName: string;
  /** The way from the user's own agency down to this one (both included), for the breadcrumb. */
  path: { agencyId: string; agencyName: string }[];
  indicators: Indicator[];
  /** The agencies directly below, each with its units' figures added up, in pinyin order. */
  branches: Branch[];
  /** Units whose reports the indicators read. */
  units: number;
  /** Reports of an included status left out: another format edition. */
  otherEdition: number;
  trend: TrendPoint[];
  rankKey: IndicatorKey;
  ranking: AgencyFigure[];
  completion: CompletionLevel[];
  deadline: string;
  thresholds: RiskThresholds;
  ruleTexts: Record<RiskRule, string>;
  flags: RiskFlag[];
};
