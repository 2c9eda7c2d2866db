'use client';
import { useActionState, useId } from 'react';
import type { AgencyNode } from '@/lib/server/admin';
import { createAgencyAction, updateAgencyAction, type AdminState } from './actions';
import { FormMessage, INITIAL, formKey, indented } from './form-message';

/** The node itself and everything after it that is deeper: the list is in depth-first order. */
function subtreeIds(tree: AgencyNode[], id: string): Set<string> {
  const start = tree.findIndex((a) => a.id === id);
  const ids = new Set([id]);
  for (let i = start + 1; i < tree.length && tree[i].depth > tree[start].depth; i++) ids.add(tree[i].id);
  return ids;
}

function CreateAgencyForm({ tree }: { tree: AgencyNode[] }) {
  const [state, action, pending] = useActionState<AdminState, FormData>(createAgencyAction, INITIAL);
  return (
    <form key={formKey(state)} action={action} className="admin-form" aria-labelledby="new-agency">
      <h3 id="new-agency">新建机关</h3>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="agency-name">机关名称</label>
        <input id="agency-name" name="name" defaultValue={state.values?.name} required minLength={2} maxLength={60} placeholder="如：文峰区光明路街道办事处" />
      </div>
      <div className="field">
        <label htmlFor="agency-parent">上级机关</label>
        <select id="agency-parent" name="parentId" defaultValue={state.values?.parentId ?? tree[0]?.id}>
          {tree.map((a) => (
            <option key={a.id} value={a.id}>
              {indented(a.name, a.depth)}
            </option>
          ))}
        </select>
      </div>
      <button className="btn primary" type="submit" disabled={pending}>
        {pending ? '正在创建…' : '创建机关'}
      </button>
    </form>
  );
}

function EditAgencyForm({ node, tree, isRoot }: { node: AgencyNode; tree: AgencyNode[]; isRoot: boolean }) {
  const [state, action, pending] = useActionState<AdminState, FormData>(updateAgencyAction, INITIAL);
  const id = useId();
  const excluded = subtreeIds(tree, node.id);
  return (
    <form key={formKey(state)} action={action} className="admin-inline-form">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={node.id} />
      <input type="hidden" name="oldName" value={node.name} />
      <input type="hidden" name="oldParentId" value={node.parentId ?? ''} />
      <div className="field">
        <label htmlFor={`${id}-name`}>名称</label>
        <input id={`${id}-name`} name="name" defaultValue={state.values?.name ?? node.name} required minLength={2} maxLength={60} />
      </div>
      {isRoot ? (
        <p className="hint">这是您所在的机关，不能移动。</p>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-parent`}>上级机关</label>
          <select id={`${id}-parent`} name="parentId" defaultValue={node.parentId ?? ''}>
            {tree
              .filter((a) => !excluded.has(a.id))
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {indented(a.name, a.depth)}
                </option>
              ))}
          </select>
        </div>
      )}
      <button className="btn primary" type="submit" disabled={pending}>
        保存
      </button>
    </form>
  );
}

/** The admin's agency and everything below it, with rename/move on each and a create form. */
export function AgencyTree({ tree, rootId }: { tree: AgencyNode[]; rootId: string }) {
  return (
    <div className="admin-grid">
      <ul className="agency-tree" data-testid="agency-tree" aria-label="机关树">
        {tree.map((a) => (
          <li key={a.id} data-agency={a.name} style={{ paddingLeft: `${a.depth * 1.5}em` }}>
            <details>
              <summary>
                <span className="agency-name">{a.name}</span> <span className="hint">{a.accountCount} 个账号</span>
                <span className="visually-hidden">，编辑</span>
              </summary>
              <EditAgencyForm node={a} tree={tree} isRoot={a.id === rootId} />
            </details>
          </li>
        ))}
      </ul>
      <CreateAgencyForm tree={tree} />
    </div>
  );
}
