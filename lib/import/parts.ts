/**
 * Step 3b: paragraphs of a text section → its parts, by what the sub-headings *mean*: 「（一）主动公开情况」,
 * 「(一) 主动公开:」 and 「五）监督保障情况」 all open a part, matched against the part's title and
 * its variants (template data). A sub-heading that names no part (「一、强化政务公开的制度化建设」)
 * stays a paragraph of the current part. A run-in heading (「(一) 存在问题。一是…」) opens the part
 * and its remainder is the part's first paragraph.
 */
import type { PartTemplate, ReportTemplate, SectionTemplate } from '../template/types';
import { matchKey } from './match-key';
import type { Paragraph } from './paragraphs';
import type { ImportFinding } from './types';

const MARK = /^(?:[-•·]\s*)?(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[)）、.．]|\d{1,2}\s*[、.．)）])\s*/;

function partKeys(p: PartTemplate): string[] {
  return [p.title, ...(p.variants ?? [])].filter((x): x is string => !!x).map(matchKey);
}

/** The part a paragraph opens, and what follows the heading on the same line. */
export function subHeading(text: string, parts: PartTemplate[]): { part: PartTemplate; rest: string; heading: string } | null {
  const m = MARK.exec(text);
  const body = m ? text.slice(m[0].length) : text;
  const cut = body.search(m ? /[：:。]/ : /[：:]/);
  const head = cut >= 0 ? body.slice(0, cut) : body;
  const rest = cut >= 0 ? body.slice(cut + 1).trim() : '';
  const key = matchKey(head);
  if (!key || key.length > 18) return null;
  // An unnumbered line is a heading only when it is short and ends there or with a colon.
  if (!m && cut < 0 && (key.length > 10 || /[。！？!?；;]$/.test(text.trim()))) return null;
  for (const p of parts) {
    if (partKeys(p).some((k) => key.includes(k))) return { part: p, rest, heading: cut >= 0 ? text.slice(0, text.length - rest.length).trim() : text };
  }
  return null;
}

export type PartsOut = { text: Record<string, string>; findings: ImportFinding[] };

export function assignParts(template: ReportTemplate, section: SectionTemplate, paragraphs: Paragraph[]): PartsOut {
  const text: Record<string, string[]> = {};
  const lines: Record<string, { from: number; to: number }> = {};
  for (const p of section.parts) text[p.key] = [];
  const findings: ImportFinding[] = [];
  const add = (key: string, para: Paragraph, t = para.text) => {
    if (!t) return;
    text[key].push(t);
    const r = lines[key];
    lines[key] = r ? { from: Math.min(r.from, para.from), to: Math.max(r.to, para.to) } : { from: para.from, to: para.to };
  };
  const titled = section.parts.filter((p) => p.title);
  if (section.key === template.feeStatement.section) {
    // 六: the fee statement by its words; everything else is 其他事项.
    const markers = template.feeStatementMarkers;
    const fee = template.feeStatement.part;
    const other = section.parts.find((p) => p.key !== fee)?.key ?? fee;
    let inFee = false;
    for (const para of paragraphs) {
      const isHeading = MARK.test(para.text) && para.text.length <= 20 && !/[。]$/.test(para.text);
      const mentionsFee = markers.some((m) => para.text.includes(m));
      if (isHeading) {
        inFee = mentionsFee;
        continue;
      }
      add(mentionsFee || inFee ? fee : other, para);
    }
  } else {
    // Text before any sub-heading: the untitled part (一's lead), else the part the section's own
    // title names (五 「存在的主要问题及改进情况」 → 存在的主要问题), else the first part.
    const untitled =
      section.parts.find((p) => !p.title)?.key ??
      section.parts.find((p) => matchKey(section.title).includes(matchKey(p.title!)))?.key ??
      section.parts[0]?.key;
    let current = untitled;
    const seen: string[] = [];
    for (const para of paragraphs) {
      const h = titled.length ? subHeading(para.text, titled) : null;
      if (h) {
        current = h.part.key;
        seen.push(h.part.key);
        if (matchKey(h.heading.replace(MARK, '')) !== matchKey(h.part.title!))
          findings.push({
            message: `「${h.heading}」认作「${h.part.title}」`,
            certainty: 'sure',
            lines: { from: para.from, to: para.from },
            section: section.key,
            part: h.part.key,
            kind: 'partHeading',
          });
        add(current!, para, h.rest);
        continue;
      }
      if (current) add(current, para);
    }
    if (titled.length && seen.length === 0 && paragraphs.length)
      findings.push({
        message: `第${section.numeral}部分没有可识别的小标题，全部文字放在「${section.parts.find((p) => p.key === untitled)?.label}」，请按内容分到各部分`,
        certainty: 'unsure',
        section: section.key,
        part: untitled,
        lines: { from: paragraphs[0].from, to: paragraphs[paragraphs.length - 1].to },
        kind: 'noSubHeadings',
      });
  }
  const out: Record<string, string> = {};
  for (const p of section.parts) {
    out[p.key] = text[p.key].join('\n');
    if (out[p.key])
      findings.push({ message: `「${p.label}」`, certainty: 'sure', lines: lines[p.key], section: section.key, part: p.key, kind: 'part' });
  }
  return { text: out, findings };
}
