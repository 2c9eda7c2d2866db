import { expect, test } from 'vitest';
import { sheetNames } from './sheet-name';

test('any title becomes a valid, unique sheet name', () => {
  const names = sheetNames([
    '表三',
    '表三',
    'a/b:c?d*e[f]g\\h',
    "'引号'",
    '',
    'History',
    '卫滨区中同街街道办事处二〇二四年政府信息公开工作年度报告汇总表',
    '卫滨区中同街街道办事处二〇二四年政府信息公开工作年度报告汇总表',
    'SHEET',
    'sheet',
  ]);
  expect(names.slice(0, 6)).toEqual(['表三', '表三(2)', 'a_b_c_d_e_f_g_h', '引号', 'Sheet5', 'History_']);
  for (const n of names) {
    expect(n.length).toBeGreaterThan(0);
    expect(n.length).toBeLessThanOrEqual(31);
    expect(n).not.toMatch(/[:\\/?*[\]]|^'|'$/);
  }
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  expect(names[9]).toBe('sheet(2)');
});
