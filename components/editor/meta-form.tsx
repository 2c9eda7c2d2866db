'use client';
import type { UseFormReturn } from 'react-hook-form';
import type { Finding } from '@/lib/checks/types';
import type { ReportTemplate } from '@/lib/template/types';
import type { Report } from '@/lib/report/types';
import { reportTitle, standardTitle } from '@/lib/report/blank';
import { contactSentence } from '@/lib/report/contact';
import { publicationDeadlineText } from '@/lib/report/limits';

/** 基本信息: agency name, period, publication date, contact. The title follows from them. */
export function MetaForm({
  template,
  form,
  report,
  findings,
  readOnly,
}: {
  template: ReportTemplate;
  form: UseFormReturn<Report>;
  report: Report;
  findings: Finding[];
  readOnly: boolean;
}) {
  const { register } = form;
  const messagesFor = (field: string) => findings.filter((f) => f.field === field).map((f) => f.message);
  const field = (
    name: 'agencyName' | 'periodStart' | 'periodEnd' | 'publishDate' | 'contact' | 'contactAddress' | 'contactPostcode' | 'contactPhone' | 'contactEmail',
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
  const standard = standardTitle(template, report.meta.agencyName, report.meta.year);
  return (
    <>
      <p className="guidance">
        报告标题由机关名称和年度自动生成：<strong>{reportTitle(template, report)}</strong>
      </p>
      {report.meta.title !== null && report.meta.title !== standard && (
        <p className="alert warn">
          本报告使用了非标准标题（导入时保留）。
          {!readOnly && (
            <button type="button" className="btn" onClick={() => form.setValue('meta.title', null, { shouldDirty: true })}>
              改用标准标题
            </button>
          )}
        </p>
      )}
      {field('agencyName', '机关全称', 'text', '与公章一致的全称，例如：卫滨区中同街街道办事处')}
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
