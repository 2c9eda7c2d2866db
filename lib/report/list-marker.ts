/**
 * A paragraph without the list marker it was typed or imported with — 「- 1.沟通不畅」,
 * 「• 一是……」, 「（2）…」, 「3、…」 — so a quoted problem reads 「针对上年度“沟通不畅”的问题」 and a
 * numbered list does not show 「1. - 1.」.
 */
export function withoutListMarker(paragraph: string): string {
  let p = paragraph.trim();
  for (;;) {
    const next = p
      .replace(/^[-–—*•·●○■□▪◆]\s*/, '')
      // 「1.」 but not 「12.5%」: a point followed by a digit is a decimal.
      .replace(/^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:[.．](?!\d)|、)\s*/, '')
      .replace(/^[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]\s*/, '');
    if (next === p) return p;
    p = next;
  }
}
