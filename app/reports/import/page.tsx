/**
 * /reports/import — read a published report (PDF, Word, text, or nianbao's JSON), review what was
 * recognised beside the source, then 「导入为草稿」. Who: users who may create reports.
 */
import { getDb } from '@/lib/db/client';
import { listCreatableAgencies } from '@/lib/server/reports';
import { TopBar } from '@/app/_lib/top-bar';
import { ImportWizard } from '@/components/import/import-wizard';
import { IMPORT_LIMITS } from '@/lib/import/limits';
import { requireUser } from '../../_lib/session';

export const metadata = { title: '导入报告' };

export default async function ImportPage() {
  const user = await requireUser();
  const agencies = await listCreatableAgencies(await getDb(), user);
  return (
    <>
      <TopBar user={user} />
      <main className="page wide">
        <h1>导入已发布的报告</h1>
        {agencies.length === 0 ? (
          <p className="alert warn">您的账号不能新建报告，因此也不能导入。</p>
        ) : (
          <ImportWizard agencies={agencies} maxBytes={IMPORT_LIMITS.maxBytes} />
        )}
      </main>
    </>
  );
}
