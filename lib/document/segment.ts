/**
 * Chinese words for line breaking (table headers, titles). Where the platform has
 * `Intl.Segmenter` (Node, Chrome ≥ 87) its ICU dictionary decides; the Chromium 86 kernel of
 * 360安全浏览器 13 and 奇安信 has none, and building one at module load crashed the editor there.
 * The fallback matches the longest word of a small dictionary — every word ICU finds in the
 * template's headers and titles, plus the words of agency names (`AGENCY_WORDS`) — and leaves
 * any other character a word of its own, as ICU does with names it does not know (「卫|滨|区」).
 * title-lines.ts keeps 街道办事处/人民政府/委员会 whole and prefers breaks after a unit's suffix on
 * either path. `segment.test.ts` checks that both paths break every header of the template, the
 * seed reports' titles and the demo agencies identically.
 */

export type WordSegmenter = (text: string) => string[];

/** Words ICU finds in the 2021 template's table headers and the title's fixed parts. */
const TEMPLATE_WORDS =
  '信息 内容 件数 废止 现行 有效 规章 行政 规范 文件 处理 决定 数量 许可 处罚 强制 收费 金额 单位 事业 申请 情况 ' +
  '自然人 自然人 法人 其他 组织 商业 企业 科研 机构 社会 公益 法律 服务 总计 政府 公开 本年度 办理 结果 予以 部分 区分 情形 ' +
  '不计 不予 属于 国家 秘密 法规 禁止 危及 安全 稳定 保护 第三 合法 权益 内部 事务 过程 执法 案卷 查询 事项 无法 ' +
  '提供 机关 掌握 相关 没有 现成 需要 另行 制作 明确 投诉 重复 要求 出版物 正当理由 大量 反复 确认 重新 获取 逾期 ' +
  '不再 通知 缴纳 费用 年度 继续 维持 纠正 尚未 审结 行政诉讼 未经 直接 起诉 工作 报告 分析';

/**
 * Words of agency names as ICU splits them: the suffixes of units (街道|办事|处, 人民政府,
 * 委员|会, 管理局 …), the departments' names and common place-name words.
 */
const AGENCY_WORDS =
  '街道 办事 人民政府 人民 委员 管理 管理局 教育局 民政局 水利局 公安 税务 司法 财政 审计 统计 林业 体育 档案 ' +
  '发展 改革 科学 技术 工业 人力 资源 保障 自然 住房 城乡 建设 交通 运输 农业 农村 商务 文化 广电 旅游 卫生 健康 ' +
  '退役军人 应急 市场 监督 医疗 城市 审批 防空 办公 地方 生态 环境 分局 社区 居民 城区 城关 ' +
  '曙光 紫薇 大道 大街 胜利 解放 中山路 和平路 和平 东风 光明 凤凰 红旗 长安 永安 兴隆 白云 青山 南湖 ' +
  '郑州 开封 洛阳 安阳 新乡 焦作 许昌 河南省';

const DICTIONARY = new Set(`${TEMPLATE_WORDS} ${AGENCY_WORDS}`.split(' '));
const LONGEST = Math.max(...[...DICTIONARY].map((w) => w.length));
/** Letters and digits run together as ICU's word rules keep them (「2024」, 「1.5」, 「A1」); so do spaces. */
const ALNUM = /^[0-9A-Za-z]+(?:[.,][0-9A-Za-z]+)*/;
const SPACES = /^[ \t\u3000]+/;

/** The dictionary fallback: longest match from the left, any other character on its own. */
export function dictionaryWords(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const run = ALNUM.exec(rest) ?? SPACES.exec(rest);
    let len = run ? run[0].length : 0;
    for (let n = Math.min(LONGEST, rest.length); !len && n > 1; n--) if (DICTIONARY.has(rest.slice(0, n))) len = n;
    if (!len) len = String.fromCodePoint(rest.codePointAt(0)!).length;
    out.push(rest.slice(0, len));
    i += len;
  }
  return out;
}

/** ICU's words through `Intl.Segmenter`, or null where the platform has none (Chrome 86). */
export function icuWords(): WordSegmenter | null {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (typeof Segmenter !== 'function') return null;
  const segmenter = new Segmenter('zh-CN', { granularity: 'word' });
  return (text) => Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The platform's segmenter where there is one, else the dictionary. */
export const chineseWords: WordSegmenter = icuWords() ?? dictionaryWords;
