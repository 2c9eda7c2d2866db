import { describe, expect, it } from 'vitest';
import type { CleanLine } from './clean-lines';
import { findAnchors, type Anchor } from './anchors';
import { project, tokenize } from './table-tokens';

const lines = (texts: string[]): CleanLine[] => texts.map((text, i) => ({ no: i + 1, text }));

describe('labels of a table found in order', () => {
  // 表三's group label printed down its narrow column (a web page printed by LibreOffice): its
  // pieces come out between the labels of the rows beside it.
  const anchors: Anchor[] = [
    { key: 'newReceived', label: '一、本年新收政府信息公开申请数量' },
    { label: '三、本年度办理结果' },
    { key: 'granted', label: '（一）予以公开' },
    { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
    { label: '（三）不予公开' },
    { key: 'stateSecret', label: '1.属于国家秘密' },
    { key: 'lawForbidden', label: '2.其他法律行政法规禁止公开' },
  ];
  const printed = lines([
    '一、本年新收政府信息公开申请数量\t1',
    '三、本年\t（一）予以公开\t2',
    '度办理结',
    '果\t（二）部分公开（区分处理的，',
    '3',
    '只计这一情形，不计其他情形）',
    '（三）\t1.属于国家秘密\t4',
    '不予公',
    '开\t2.其他法律行政法规禁',
    '5',
    '止公开',
  ]);

  it('finds the rows printed between the pieces of a group label', () => {
    const toks = tokenize(printed, 0, printed.length);
    const hits = findAnchors(project(toks), anchors);
    expect(hits.map((h) => h?.how ?? null)).toEqual(['exact', 'exact', 'exact', 'exact', 'exact', 'exact', 'exact']);
    // Each row's label starts where it was printed, after the group label's first piece.
    const proj = project(toks);
    const lineOf = (i: number) => toks[proj.tokAt[hits[i]!.at]].line;
    expect([2, 3, 5, 6].map(lineOf)).toEqual([1, 3, 6, 8]);
  });
});
