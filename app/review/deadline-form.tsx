'use client';
import { useActionState } from 'react';
import { setDeadlineAction, type DeadlineState } from './actions';

export function DeadlineForm({ year, deadline }: { year: number; deadline: string }) {
  const [state, action, pending] = useActionState<DeadlineState, FormData>(setDeadlineAction, { message: null });
  return (
    <form action={action} className="deadline-form">
      <input type="hidden" name="year" value={year} />
      <label htmlFor="dueDate">提交截止日期</label>
      <input id="dueDate" name="dueDate" type="date" defaultValue={deadline} required />
      <button className="btn" type="submit" disabled={pending}>
        保存
      </button>
      {state.message && (
        <span role="status" className="hint">
          {state.message}
        </span>
      )}
    </form>
  );
}
