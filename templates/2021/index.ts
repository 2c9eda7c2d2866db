import { flattenLeaves, leafKeys, findNode } from '../../lib/template/walk';
import type { ReportTemplate } from '../../lib/template/types';
import { sections } from './sections';
import { table2, table3, table4 } from './tables';

// The results block is the group whose last leaf is （七）总计.
const resultsNode = findNode(table3.rows, (n) => !!n.children?.some((c) => c.key === 'resultsTotal'));
const resultLeaves = leafKeys([resultsNode]).filter((k) => k !== 'resultsTotal');
const applicantColumns = leafKeys(table3.columns).filter((k) => k !== 'total');
const reviewMeasures = table4.measures.map((m) => m.key).filter((k) => k !== 'total');
const labelOf = (keys: string[], nodes: { key?: string; label: string }[]) =>
  keys.map((k) => nodes.find((n) => n.key === k)!.label).join(' + ');
const table3Columns = flattenLeaves(table3.columns);

/**
 * 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号, in force for the
 * reports on 2021 onwards.
 */
export const template2021: ReportTemplate = {
  edition: '2021',
  formatRef: '国办公开办函〔2021〕30号',
  titleSuffix: '政府信息公开工作年度报告',
  sections,
  tables: { table2, table3, table4 },
  rules: [
    {
      id: 'R1',
      table: 'table3',
      along: 'column',
      lhs: ['newReceived', 'carriedOver'],
      rhs: ['resultsTotal', 'carriedForward'],
      name: '勾稽关系：第一项加第二项之和，等于第三项加第四项之和',
      lhsLabel: '第一项 + 第二项',
      rhsLabel: '第三项（七）总计 + 第四项',
      source: 'printed',
    },
    {
      id: 'R2',
      table: 'table3',
      along: 'column',
      lhs: ['resultsTotal'],
      rhs: resultLeaves,
      computes: true,
      name: '（七）总计等于各项办理结果之和',
      lhsLabel: '（七）总计',
      rhsLabel: '（一）至（六）各项之和',
      source: 'derived',
    },
    {
      id: 'R3',
      table: 'table3',
      along: 'row',
      lhs: ['total'],
      rhs: applicantColumns,
      computes: true,
      name: '总计等于自然人与法人或其他组织各列之和',
      lhsLabel: labelOf(['total'], table3Columns),
      rhsLabel: '自然人与法人或其他组织各列之和',
      source: 'derived',
    },
    {
      id: 'R4',
      table: 'table4',
      along: 'row',
      lhs: ['total'],
      rhs: reviewMeasures,
      computes: true,
      name: '总计等于结果维持、结果纠正、其他结果、尚未审结之和',
      lhsLabel: labelOf(['total'], table4.measures),
      rhsLabel: labelOf(reviewMeasures, table4.measures),
      source: 'derived',
    },
  ],
  // 「未收取信息处理费」「不存在信息公开收费情况」: either way the statement is there.
  feeStatementMarkers: ['处理费', '收费', '收取费用'],
  feeStatement: {
    section: 'otherMatters',
    part: 'processingFee',
    // A 收费通知 was issued when applications lapsed for unpaid fees: then 六 must discuss fees.
    impliedBy: { table: 'table3', row: 'feeUnpaid', col: 'total' },
  },
  textNumbers: [
    {
      id: 'applications',
      name: '收到的政府信息公开申请数',
      pattern: /(?:收到|新收|受理)[^。；;\n]{0,30}?申请[^。；;，,\n\d]{0,12}?(\d+)\s*件/g,
      sums: [
        [{ table: 'table3', row: 'newReceived', col: 'total' }],
        [
          { table: 'table3', row: 'newReceived', col: 'total' },
          { table: 'table3', row: 'carriedOver', col: 'total' },
        ],
      ],
    },
    {
      id: 'review',
      name: '行政复议案件数',
      pattern: /行政复议[^。；;，,\n\d]{0,12}?(\d+)\s*(?:件|起)/g,
      sums: [[{ table: 'table4', row: 'review', col: 'total' }]],
    },
    {
      id: 'litigation',
      name: '行政诉讼案件数',
      pattern: /行政诉讼[^。；;，,\n\d]{0,12}?(\d+)\s*(?:件|起)/g,
      sums: [
        [
          { table: 'table4', row: 'litigationDirect', col: 'total' },
          { table: 'table4', row: 'litigationAfterReview', col: 'total' },
        ],
      ],
    },
  ],
  problemsFollowUp: { section: 'problems', part: 'lastYearFollowUp', from: ['currentProblems', 'measures'] },
  crossYear: {
    carryOver: { table: 'table3', fromRow: 'carriedForward', toRow: 'carriedOver' },
    stock: { table: 'table2', rows: ['rules', 'normativeDocuments'], stockCol: 'inForce', addCol: 'issued', subtractCol: 'abolished' },
  },
};
