import { leafKeys, findNode } from '../../lib/template/walk';
import type { ReportTemplate } from '../../lib/template/types';
import { sections } from './sections';
import { table2, table3, table4 } from './tables';

const resultsNode = findNode(table3.rows, (n) => n.label === '三、本年度办理结果');
const resultLeaves = leafKeys([resultsNode]).filter((k) => k !== 'resultsTotal');
const applicantColumns = leafKeys(table3.columns).filter((k) => k !== 'total');
const reviewMeasures = table4.measures.map((m) => m.key).filter((k) => k !== 'total');

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
      source: 'derived',
    },
  ],
  feeStatementMarkers: ['信息处理费', '处理费'],
};
