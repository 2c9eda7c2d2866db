import { expect, test } from 'vitest';
import { isFormulaLike, neutralise } from './neutralise';

test('the OWASP triggers, and only at the start', () => {
  for (const t of ['=1', '+1', '-1+2', '@SUM(1)', '\t1', '\r1', '-', '=']) expect(isFormulaLike(t), JSON.stringify(t)).toBe(true);
  for (const t of ['', '1=1', '卫滨区', '-5', '-0.5', "'=1", ' =1', '（一）予以公开']) expect(isFormulaLike(t), JSON.stringify(t)).toBe(false);
  expect(neutralise('=1+1')).toBe("'=1+1");
  expect(neutralise('中文')).toBe('中文');
});
