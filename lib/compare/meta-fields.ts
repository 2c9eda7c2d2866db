import type { MetaField } from './types';

/**
 * The report's own fields as the metadata form names them (components/editor/meta-form.tsx),
 * in the order it shows them. These describe nianbao's Report, not the statutory template,
 * so they live here rather than in templates/.
 */
export const META_FIELDS: readonly { field: MetaField; label: string }[] = [
  { field: 'agencyName', label: '机关全称' },
  { field: 'year', label: '报告年度' },
  { field: 'title', label: '报告标题' },
  { field: 'periodStart', label: '统计期限（起）' },
  { field: 'periodEnd', label: '统计期限（止）' },
  { field: 'publishDate', label: '发布日期' },
  { field: 'contact', label: '联系单位' },
  { field: 'contactAddress', label: '联系地址' },
  { field: 'contactPostcode', label: '邮编' },
  { field: 'contactPhone', label: '联系电话' },
  { field: 'contactEmail', label: '电子邮箱' },
  { field: 'totals', label: '合计的计算方式' },
];
