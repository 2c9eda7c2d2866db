import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { blankReport } from '../report/blank';
import { currentTemplate } from '../template/registry';
import { printedDocument, printedReport } from './printed';

const REGISTERED = '文峰区紫薇大道街道办事处';

describe('what prints for others', () => {
  it('carries the registered name in the title, file name and author, whatever the content says', () => {
    const content = blankReport(currentTemplate, { agencyName: '文峰区东大街街道办事处', year: 2024 });
    const doc = printedDocument({ edition: currentTemplate.edition, content, agencyName: REGISTERED });
    expect(doc.meta).toMatchObject({ agencyName: REGISTERED, author: REGISTERED, fileStem: `${REGISTERED}2024年政府信息公开工作年度报告` });
    expect(JSON.stringify(doc)).not.toContain('东大街');
    expect(printedReport({ content, agencyName: REGISTERED }).meta.agencyName).toBe(REGISTERED);
  });

  it('is the only way services and routes build a report’s document (no caller can print the typed name)', () => {
    const root = path.resolve(__dirname, '../..');
    // A document of something other than one agency's stored report: the warm-up's. (A district
    // summary's is built in lib/summary/district-rows.ts.)
    const allowed = new Set(['lib/server/printed.ts', 'lib/server/warm-up.ts']);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          const rel = path.relative(root, p).split(path.sep).join('/');
          if (/\bbuildDocument\(|withRegisteredName\(/.test(readFileSync(p, 'utf8')) && !allowed.has(rel)) offenders.push(rel);
        }
      }
    };
    walk(path.join(root, 'app'));
    walk(path.join(root, 'lib/server'));
    expect(offenders).toEqual([]);
  });
});
