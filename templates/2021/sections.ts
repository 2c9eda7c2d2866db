import type { SectionTemplate } from '../../lib/template/types';

/**
 * The six sections of the 2021 format (design §1.1). Guidance marked `verified: false` is our
 * reading of practice and of 条例 第五十条, not the notice's own wording (design §1.2).
 */
export const sections: SectionTemplate[] = [
  {
    key: 'overview',
    numeral: '一',
    title: '总体情况',
    variants: ['政府信息公开工作总体情况', '工作总体情况'],
    guidance:
      '对本机关贯彻落实《中华人民共和国政府信息公开条例》情况进行综述，分主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面报告。',
    parts: [
      {
        key: 'lead',
        label: '开篇综述（可选）',
        guidance: '可简要说明报告依据、统计期限（本年1月1日至12月31日）、电子版获取方式和联系方式。',
        required: false,
        verified: false,
      },
      {
        key: 'proactive',
        title: '主动公开',
        variants: ['主动公开情况', '主动公开方面', '主动公开工作', '主动公开政府信息'],
        label: '主动公开',
        guidance: '本年主动公开政府信息的数量、渠道和重点领域，如网站、公众号发布条数，重点领域信息公开情况。',
        required: true,
        verified: true,
      },
      {
        key: 'onRequest',
        title: '依申请公开',
        variants: ['依申请公开情况', '依申请公开方面', '依申请公开工作', '依申请'],
        label: '依申请公开',
        guidance: '本年收到和办理政府信息公开申请的总体情况（件数应与表三一致），办理流程和答复规范化情况。',
        required: true,
        verified: true,
      },
      {
        key: 'management',
        title: '政府信息管理',
        variants: ['政府信息管理情况', '政府信息管理方面', '信息管理'],
        label: '政府信息管理',
        guidance: '政府信息公开属性源头认定、发布审查（保密审查、“三审”）、规范性文件清理等管理制度的落实情况。',
        required: true,
        verified: true,
      },
      {
        key: 'platform',
        title: '政府信息公开平台建设',
        variants: ['政府信息公开平台建设情况', '平台建设', '公开平台'],
        label: '政府信息公开平台建设',
        guidance: '政府网站信息公开专栏、政务新媒体、公开栏等平台的建设和维护情况。',
        required: true,
        verified: true,
      },
      {
        key: 'oversight',
        title: '监督保障',
        variants: ['监督保障情况', '监督保障方面', '监督与保障', '监督和保障', '监督考核'],
        label: '监督保障',
        guidance:
          '组织领导、人员培训、监督检查情况，并写明工作考核、社会评议和责任追究结果情况（条例第五十条第四项），未发生责任追究的也应说明。',
        required: true,
        verified: true,
      },
    ],
  },
  {
    key: 'proactiveTable',
    numeral: '二',
    title: '主动公开政府信息情况',
    variants: ['主动公开政府信息的情况'],
    guidance: '按条例第二十条各项填写本年数字。没有的填 0，不要留空。',
    parts: [],
    table: 'table2',
  },
  {
    key: 'requestsTable',
    numeral: '三',
    title: '收到和处理政府信息公开申请情况',
    variants: ['收到和处理政府信息公开申请的情况'],
    guidance:
      '按申请人类别逐列填写。每一列都须满足：第一项加第二项之和，等于第三项加第四项之和；每件申请只计入一种办理结果。总计列和（七）总计行自动计算。',
    parts: [],
    table: 'table3',
  },
  {
    key: 'reviewLitigationTable',
    numeral: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    variants: ['政府信息公开行政复议、行政诉讼的情况', '因政府信息公开工作被申请行政复议、提起行政诉讼的情况'],
    guidance: '填写本年因政府信息公开工作被申请行政复议、提起行政诉讼的件数及结果。总计自动计算。',
    parts: [
      {
        key: 'note',
        label: '表下注（可选）',
        guidance: '如本表数量含上年度结转的案件，可在此说明，例如：注：行政复议、行政诉讼数量含上年度结转数量。',
        required: false,
        verified: false,
      },
    ],
    table: 'table4',
  },
  {
    key: 'problems',
    numeral: '五',
    title: '存在的主要问题及改进情况',
    // 条例 wording (2019 format and some 2021+ reports); 整改措施 is nonstandard but seen (design §1.1).
    variants: ['政府信息公开工作存在的主要问题及改进情况', '存在的主要问题及整改措施', '存在的主要问题及整改情况', '存在的问题及改进情况', '主要问题及改进情况'],
    guidance: '先报告上年度年报所列问题的改进情况，再报告本年度工作中存在的主要问题和改进措施。避免照搬上年内容。',
    parts: [
      {
        key: 'lastYearFollowUp',
        title: '上年度存在问题的改进情况',
        variants: ['上年度存在问题的整改情况', '上年度问题整改情况', '上年度存在问题改进情况', '上一年度存在问题的改进情况', '上年度', '上一年度'],
        label: '上年度存在问题的改进情况',
        guidance: '逐条说明上年度年报中所列问题的整改落实情况。',
        required: true,
        verified: false,
      },
      {
        key: 'currentProblems',
        title: '存在的主要问题',
        variants: ['存在问题', '存在的问题', '主要问题', '问题和困难', '问题与不足', '不足之处'],
        label: '本年度存在的主要问题',
        guidance: '实事求是列出本年度政府信息公开工作中存在的主要问题。',
        required: true,
        verified: false,
      },
      {
        key: 'measures',
        title: '改进措施',
        variants: ['改进情况', '整改措施', '改进方向', '解决办法', '改进举措', '整改情况', '下一步工作', '下一步打算', '工作计划'],
        label: '改进措施',
        guidance: '针对上述问题提出具体、可检查的改进措施。',
        required: true,
        verified: false,
      },
    ],
  },
  {
    key: 'otherMatters',
    numeral: '六',
    title: '其他需要报告的事项',
    variants: ['其他需要报告的事情', '其他事项'],
    guidance:
      '至少说明本年度是否依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费；收取的，写明金额（元）和件数。',
    parts: [
      {
        key: 'processingFee',
        label: '信息处理费收取情况',
        guidance: '例如：本年度未收取信息处理费。或：本年度共收取信息处理费××元，涉及××件申请。',
        required: true,
        verified: false,
      },
      {
        key: 'otherItems',
        label: '其他事项（可选）',
        guidance: '如年度政务公开工作要点落实情况、人大代表建议和政协提案办理结果公开情况、创新做法等。',
        required: false,
        verified: false,
      },
    ],
  },
];
