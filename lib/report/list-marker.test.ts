import { describe, expect, it } from 'vitest';
import { withoutListMarker } from './list-marker';

describe('withoutListMarker', () => {
  it('drops bullets and numbers, also stacked (「- 1.」)', () => {
    expect(withoutListMarker('- 1.沟通不畅，答复不够及时。')).toBe('沟通不畅，答复不够及时。');
    expect(withoutListMarker('• （二）平台更新慢')).toBe('平台更新慢');
    expect(withoutListMarker('3、培训不足')).toBe('培训不足');
    expect(withoutListMarker('一、主动公开不够')).toBe('主动公开不够');
  });
  it('keeps a paragraph that only starts with a number', () => {
    expect(withoutListMarker('2025年政务公开工作')).toBe('2025年政务公开工作');
    expect(withoutListMarker('12.5%的申请逾期')).toBe('12.5%的申请逾期');
  });
});
