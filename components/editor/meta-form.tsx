'use client';
import type { UseFormReturn } from 'react-hook-form';
import type { Finding } from '@/lib/checks/types';
import type { ReportTemplate } from '@/lib/template/types';
import type { Report } from '@/lib/report/types';
import { reportTitle, standardTitle, withRegisteredName } from '@/lib/report/blank';
import { contactSentence } from '@/lib/report/contact';
import { publicationDeadlineText } from '@/lib/report/limits';

/**
 * 基本信息: the agency's registered name (printed; only an admin changes it), period,
 * publication date, contact. The title follows from them.
 */
export function MetaForm({
  template,
  form,
  report,
  registeredName,
  findings,
  readOnly,
}: {
  template: ReportTemplate;
  form: UseFormReturn<Report>;
  report: Report;
  /** The agency's name in the agencies table: what the title, the PDF and the file name print. */
  registeredName: string;
  findings: Finding[];
  readOnly: boolean;
}) {
  const { register } = form;
  const messagesFor = (field: string) => findings.filter((f) => f.field === field).map((f) => f.message);
  const field = (
    name: 'periodStart' | 'periodEnd' | 'publishDate' | 'contact' | 'contactAddress' | 'contactPostcode' | 'contactPhone' | 'contactEmail',
    label: string,
    type: string,
    hint?: string,
  ) => {
    const msgs = messagesFor(name);
    return (
      <div className="field">
        <label htmlFor={`meta-${name}`}>{label}</label>
        <input
          id={`meta-${name}`}
          type={type}
          readOnly={readOnly}
          aria-invalid={msgs.length ? true : undefined}
          aria-describedby={msgs.length || hint ? `meta-${name}-hint` : undefined}
          // Rendered on the server with its value: no empty field before the page is live.
          defaultValue={form.formState.defaultValues?.meta?.[name] ?? ''}
          {...register(`meta.${name}`, name === 'publishDate' ? { setValueAs: (v: string) => (v ? v : null) } : undefined)}
        />
        {(msgs.length > 0 || hint) && (
          <span id={`meta-${name}-hint`} className="hint" style={msgs.length ? { color: 'var(--warn)' } : undefined}>
            {msgs.length ? msgs.join('；') : hint}
          </span>
        )}
      </div>
    );
  };
  const printed = withRegisteredName(report, registeredName);
  const standard = standardTitle(template, registeredName, report.meta.year);
  const typedName = report.meta.agencyName.trim();
  return (
    <>
      <p className="guidance">
        报告标题由机关名称和年度自动生成：<strong>{reportTitle(template, printed)}</strong>
      </p>
      <div className="field">
        <label htmlFor="meta-agencyName">机关全称</label>
        <input id="meta-agencyName" value={registeredName} readOnly aria-readonly aria-describedby="meta-agencyName-hint" />
        <span id="meta-agencyName-hint" className="hint">
          登记的机关名称，标题、PDF 和文件名都使用它；如有误，请联系管理员在「系统管理」中修改
        </span>
      </div>
      {typedName !== '' && typedName !== registeredName && (
        <p className="alert warn" data-testid="agency-name-differs">
          报告中填写（或导入）的机关名称「{typedName}」与登记的名称「{registeredName}」不同，报告一律以登记的名称印制。
          {!readOnly && (
            <button type="button" className="btn" onClick={() => form.setValue('meta.agencyName', registeredName, { shouldDirty: true })}>
              改为登记的名称
            </button>
          )}
        </p>
      )}
      {printed.meta.title !== null && printed.meta.title !== standard && (
        <p className="alert warn">
          本报告使用了非标准标题（导入时保留）。
          {!readOnly && (
            <button type="button" className="btn" onClick={() => form.setValue('meta.title', null, { shouldDirty: true })}>
              改用标准标题
            </button>
          )}
        </p>
      )}
      <div className="field">
        <label htmlFor="meta-year">报告年度</label>
        <input id="meta-year" value={`${report.meta.year} 年`} readOnly aria-readonly />
      </div>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        {field('periodStart', '统计期限（起）', 'date')}
        {field('periodEnd', '统计期限（止）', 'date')}
        {field('publishDate', '发布日期（可选）', 'date', `应在 ${publicationDeadlineText(report.meta.year)}前公布`)}
      </div>
      <fieldset className="contact-fields">
        <legend>联系方式（可选，印在开篇段落末尾）</legend>
        {field('contact', '联系单位', 'text', '例如：紫薇大道街道党政办；不填则写机关名称')}
        {field('contactAddress', '地址', 'text')}
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {field('contactPostcode', '邮编', 'text')}
          {field('contactPhone', '电话', 'tel')}
          {field('contactEmail', '电子邮箱', 'email')}
        </div>
        <p className="hint" data-testid="contact-sentence">
          {contactSentence(report.meta) ?? '未填写联系方式，开篇段落不印联系句。'}
        </p>
      </fieldset>
    </>
  );
}
