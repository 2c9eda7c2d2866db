import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="page">
      <div className="card">
        <h1>找不到该页面</h1>
        <p>页面不存在，或您没有查看它的权限。</p>
        <Link className="btn" href="/reports">
          返回报告列表
        </Link>
      </div>
    </main>
  );
}
