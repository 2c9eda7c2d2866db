import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '年报 · 政府信息公开工作年度报告', template: '%s · 年报' },
  description: '政府信息公开工作年度报告的填报、检查、审核与排版',
  // 360安全浏览器 and 奇安信 open a site that asks for it in 极速模式 (Chromium), not 兼容模式 (IE).
  other: { renderer: 'webkit' },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
