/**
 * The word segmenter's fallback (issue 22): Chromium 86 — 360安全浏览器 13, 奇安信 — has no
 * `Intl.Segmenter`, and the editor's preview breaks the same headers and titles there. Both
 * paths must break every header of the template, the seed reports' titles and the demo
 * agencies' titles identically.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { DEMO } from '../db/seed';
import { headerWords } from './header-words';
import { dictionaryWords, icuWords } from './segment';
import { breakTitle } from './title-lines';

const icu = icuWords()!;
const SEEDS = '/work/shared/seeds';

/** Every label of the template's tables (column and row headers at every level). */
function templateLabels(): string[] {
  const labels = new Set<string>();
  JSON.stringify(template2021.tables, (key, value) => {
    if ((key === 'label' || key === 'rowHeadLabel') && typeof value === 'string') labels.add(value);
    return value;
  });
  return [...labels];
}

/** The agency names of the seed reports' titles (「艺新街道办事处2024年政府信息公开工作年度报告」). */
function seedAgencies(): string[] {
  const names = ['艺新街道办事处', '新华区曙光街街道办事处', '文峰区紫薇街道办事处', '卫滨区中同街街道办事处', '文峰区东关街道办事处'];
  let files: string[] = [];
  try {
    files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  } catch {
    return names; // the seeds are this machine's; their titles are also written out above
  }
  for (const f of files) {
    const title = readFileSync(`${SEEDS}/${f}`, 'utf8').replace(/\s+/g, '').match(/^(.+?)\d{4}年/);
    if (title && !names.includes(title[1])) names.push(title[1]);
  }
  return names;
}

describe('Chinese words without Intl.Segmenter', () => {
  it('the platform here has ICU (Node), so both paths are compared', () => {
    expect(typeof icu).toBe('function');
  });

  it('breaks every header of the template as ICU does', () => {
    const labels = templateLabels();
    expect(labels.length).toBeGreaterThan(50);
    for (const label of labels) {
      expect(dictionaryWords(label), label).toEqual(icu(label));
      expect(headerWords(label, dictionaryWords), label).toEqual(headerWords(label, icu));
    }
  });

  it('breaks the seed reports’ and the demo agencies’ titles as ICU does, at every width', () => {
    const agencies = [...seedAgencies(), DEMO.district, ...DEMO.offices];
    expect(agencies.length).toBeGreaterThanOrEqual(8);
    for (const name of agencies) {
      for (const year of [2023, 2024]) {
        const segments = [name, `${year}年`, template2021.titleSuffix];
        for (const width of [12, 14, 16, 18, 20]) {
          expect(breakTitle(segments, width, dictionaryWords), `${name} @${width}`).toEqual(breakTitle(segments, width, icu));
        }
      }
      expect(breakTitle([name, '2024年度', '政府信息公开分析'], 12, dictionaryWords)).toEqual(breakTitle([name, '2024年度', '政府信息公开分析'], 12, icu));
    }
  });

  it('keeps digits, Latin letters and runs of spaces together, and any other character on its own', () => {
    expect(dictionaryWords('2024年')).toEqual(icu('2024年'));
    expect(dictionaryWords('（单位：万元）')).toEqual(icu('（单位：万元）'));
    expect(dictionaryWords('A1 1.5  件')).toEqual(['A1', ' ', '1.5', '  ', '件']);
    expect(dictionaryWords('卫滨区')).toEqual(['卫', '滨', '区']);
    expect(dictionaryWords('𠀋街道')).toEqual(['𠀋', '街道']);
  });
});
