import type { BlocksTable, GroupedRowTable, HeaderNode, MatrixTable } from '../../lib/template/types';

/** 表二 主动公开政府信息情况 (design §1.3). */
export const table2: BlocksTable = {
  kind: 'blocks',
  key: 'table2',
  rowHeadLabel: '信息内容',
  valueColumns: 3,
  blocks: [
    {
      key: 'art20item1',
      caption: '第二十条第（一）项',
      columns: [
        { key: 'issued', label: '本年制发件数', valueType: 'count' },
        { key: 'abolished', label: '本年废止件数', valueType: 'count' },
        { key: 'inForce', label: '现行有效件数', valueType: 'count', help: '截至本年末仍然有效的件数' },
      ],
      rows: [
        { key: 'rules', label: '规章' },
        { key: 'normativeDocuments', label: '行政规范性文件', variants: ['规范性文件'] },
      ],
    },
    {
      key: 'art20item5',
      caption: '第二十条第（五）项',
      columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }],
      rows: [{ key: 'licensing', label: '行政许可' }],
    },
    {
      key: 'art20item6',
      caption: '第二十条第（六）项',
      columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }],
      rows: [
        { key: 'punishment', label: '行政处罚' },
        { key: 'coercion', label: '行政强制' },
      ],
    },
    {
      key: 'art20item8',
      caption: '第二十条第（八）项',
      columns: [
        {
          key: 'amount',
          label: '本年收费金额（单位：万元）',
          valueType: 'amount',
          help: '以万元为单位，可填小数（最多 4 位）。这不是第六部分的信息处理费。',
        },
      ],
      rows: [{ key: 'administrativeFees', label: '行政事业性收费' }],
    },
  ],
};

/** The results block of 表三: every application decided in the year lands in exactly one leaf. */
const results: HeaderNode = {
  label: '三、本年度办理结果',
  children: [
    { key: 'granted', label: '（一）予以公开' },
    {
      key: 'partial',
      label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      variants: ['（二）部分公开'],
    },
    {
      label: '（三）不予公开',
      children: [
        { key: 'stateSecret', label: '1.属于国家秘密' },
        { key: 'lawForbidden', label: '2.其他法律行政法规禁止公开' },
        {
          key: 'threeSecurityOneStability',
          label: '3.危及“三安全一稳定”',
          help: '危及国家安全、公共安全、经济安全、社会稳定',
        },
        { key: 'thirdPartyRights', label: '4.保护第三方合法权益' },
        { key: 'internalAffairs', label: '5.属于三类内部事务信息', help: '人事管理、后勤管理、内部工作流程等信息' },
        { key: 'processInfo', label: '6.属于四类过程性信息', help: '讨论记录、过程稿、磋商信函、请示报告等过程性信息' },
        { key: 'enforcementCase', label: '7.属于行政执法案卷' },
        { key: 'adminQuery', label: '8.属于行政查询事项' },
      ],
    },
    {
      label: '（四）无法提供',
      children: [
        { key: 'notHeld', label: '1.本机关不掌握相关政府信息' },
        { key: 'needsCreation', label: '2.没有现成信息需要另行制作' },
        { key: 'unclearAfterCorrection', label: '3.补正后申请内容仍不明确' },
      ],
    },
    {
      label: '（五）不予处理',
      children: [
        { key: 'complaint', label: '1.信访举报投诉类申请' },
        { key: 'duplicate', label: '2.重复申请' },
        { key: 'publication', label: '3.要求提供公开出版物' },
        { key: 'massRepeated', label: '4.无正当理由大量反复申请' },
        { key: 'confirmOrReissue', label: '5.要求行政机关确认或重新出具已获取信息' },
      ],
    },
    {
      label: '（六）其他处理',
      children: [
        {
          key: 'noCorrection',
          label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
          // Shortened labels of comparison tools (design §1.4).
          variants: ['1.逾期不补正', '1.申请人无正当理由逾期不补正'],
        },
        {
          key: 'feeUnpaid',
          label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
          variants: ['2.逾期不缴费', '2.申请人逾期未按收费通知要求缴纳费用'],
        },
        { key: 'otherHandling', label: '3.其他' },
      ],
    },
    { key: 'resultsTotal', label: '（七）总计' },
  ],
};

/** 表三 收到和处理政府信息公开申请情况 (design §1.3): 25 rows × 7 columns. */
export const table3: MatrixTable = {
  kind: 'matrix',
  key: 'table3',
  cornerNote: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  valueType: 'count',
  columns: [
    {
      label: '申请人情况',
      children: [
        { key: 'natural', label: '自然人' },
        {
          label: '法人或其他组织',
          children: [
            { key: 'business', label: '商业企业' },
            { key: 'research', label: '科研机构' },
            { key: 'publicWelfare', label: '社会公益组织' },
            { key: 'legalService', label: '法律服务机构' },
            { key: 'otherOrg', label: '其他' },
          ],
        },
        { key: 'total', label: '总计' },
      ],
    },
  ],
  rows: [
    { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', variants: ['一、本年新收政府信息公开申请数'] },
    {
      key: 'carriedOver',
      label: '二、上年结转政府信息公开申请数量',
      help: '上一年度「结转下年度继续办理」的数量',
      variants: ['二、上年结转政府信息公开申请数'],
    },
    results,
    { key: 'carriedForward', label: '四、结转下年度继续办理', variants: ['四、结转下年度继续办理数量'] },
  ],
};

/** The measures every group of 表四 has, in printed order. */
const reviewMeasures = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

/** 表四 政府信息公开行政复议、行政诉讼情况 (design §1.3): 3 groups × 5 measures. */
export const table4: GroupedRowTable = {
  kind: 'groupedRow',
  key: 'table4',
  valueType: 'count',
  measures: reviewMeasures,
  groups: [
    { key: 'review', label: '行政复议' },
    {
      label: '行政诉讼',
      children: [
        { key: 'litigationDirect', label: '未经复议直接起诉' },
        { key: 'litigationAfterReview', label: '复议后起诉' },
      ],
    },
  ],
  noteLabel: '表下注（可选）',
};
