export { compareReports, isBlankVsZero } from './compare-reports';
export { versionLabel } from './version-label';
export { describeDiff } from './describe-diff';
export { diffText, tokenize, beforeText, afterText, type DiffSegment, type TextDiff, type TextDiffOptions } from './text-diff';
export { META_FIELDS } from './meta-fields';
export type { ReportDiff, MetaChange, MetaField, CellChange, TextChange } from './types';
