'use client';
import type { UseFormRegister } from 'react-hook-form';
import type { PartTemplate } from '@/lib/template/types';
import type { Report } from '@/lib/report/types';
import { MAX_PART_LENGTH } from '@/lib/report/schema';

/** One text part: its printed heading (numbered as it will print), guidance, and the input. */
export function TextPart({
  sectionKey,
  part,
  number,
  value,
  warnings,
  readOnly,
  register,
  onComment,
  children,
}: {
  sectionKey: string;
  part: PartTemplate;
  /** （一）… as it will print, when the part has a heading. */
  number: string | null;
  value: string;
  warnings: string[];
  readOnly: boolean;
  register: UseFormRegister<Report>;
  /** For a reviewer: comment on this part (a click on its text, or Enter in it). */
  onComment?(): void;
  children?: React.ReactNode;
}) {
  const id = `part-${sectionKey}-${part.key}`;
  return (
    <div className={`part field${warnings.length ? ' has-warning' : ''}`} data-part={`${sectionKey}.${part.key}`}>
      <div className="part-head">
        <label htmlFor={id}>
          {number}
          {part.title ?? part.label}
          {!part.required && part.title ? '（可选）' : ''}
        </label>
        <span className="count" aria-hidden="true">
          {value.length} 字
        </span>
      </div>
      <p id={`${id}-guide`} className={`hint guidance${part.verified ? '' : ' unverified'}`}>
        {part.guidance}
      </p>
      {children}
      <textarea
        id={id}
        aria-describedby={`${id}-guide`}
        maxLength={MAX_PART_LENGTH}
        readOnly={readOnly}
        placeholder={part.placeholder}
        className={onComment ? 'commentable' : undefined}
        title={onComment ? '点击或按 Enter 对这部分提出意见' : undefined}
        onClick={onComment}
        onKeyDown={
          onComment
            ? (e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  onComment();
                }
              }
            : undefined
        }
        {...register(`text.${sectionKey}.${part.key}` as const)}
      />
      {warnings.map((w) => (
        <span key={w} className="hint" style={{ color: 'var(--warn)' }}>
          {w}
        </span>
      ))}
    </div>
  );
}
