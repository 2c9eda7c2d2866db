import { describe, expect, it } from 'vitest';
import { template2021 } from '../../templates/2021';
import { buildDocument } from '../document/build';
import { blankReport } from '../report/blank';
import { renderPdfInProcess } from './pdf/render-in-process';
import { punctuationRuns } from './punctuation';
import { readPdf } from '../../test/support/pdf-text';

describe('punctuationRuns (标点挤压)', () => {
  it('squeezes a closing mark before another mark, and an opening mark before an opening one', () => {
    expect(punctuationRuns('依据《条例》（2019年修订）执行。')).toEqual([
      { text: '依据《条例' },
      { text: '》', squeeze: true },
      { text: '（2019年修订）执行。' },
    ]);
    expect(punctuationRuns('称“三安全一稳定”。')).toEqual([{ text: '称“三安全一稳定' }, { text: '”', squeeze: true }, { text: '。' }]);
    expect(punctuationRuns('（《条例》）')).toEqual([
      { text: '（', squeeze: true },
      { text: '《条例' },
      { text: '》', squeeze: true },
      { text: '）' },
    ]);
  });

  it('leaves text without adjacent marks alone', () => {
    expect(punctuationRuns('政府信息公开，依申请公开。')).toBeNull();
    expect(punctuationRuns('（一）主动公开')).toBeNull();
  });
});

describe('标点挤压 in the PDF', () => {
  it('sets 「》（」 one and a half characters wide, not two', async () => {
    const report = blankReport(template2021, { agencyName: '某街道办事处', year: 2024 });
    report.text.overview.proactive = '依据《条例》（修订）执行';
    const read = await readPdf(await renderPdfInProcess(buildDocument(template2021, report), { final: true }));
    const items = read.pages[0].items;
    // pdfjs starts a new item where the squeezed advance moves the pen back.
    const before = items.find((i) => i.str.startsWith('依据《条例'))!;
    const after = items.find((i) => i.str.startsWith('（修订'))!;
    const pitch = before.width / Array.from(before.str).length;
    // 依据《条例》 is 6 characters; 》 gives up half of its em.
    expect((after.x - before.x) / pitch).toBeCloseTo(5.5, 1);
  }, 60_000);
});
