/**
 * Which browsers can run nianbao (issue 22). The client is built for Chromium ≥ 86 (the kernel
 * of 360安全浏览器 13 and 奇安信可信浏览器 in 极速模式), Firefox ≥ 91 and Safari ≥ 15
 * (package.json's browserslist). Older ones — and 360's 兼容模式, which is Internet Explorer's
 * Trident — would show the server's HTML with no script running: a form that looks alive and
 * saves nothing. They get a plain page instead (`unsupportedBrowserPage`), served by proxy.ts.
 */

export const MIN_CHROMIUM = 86;
export const MIN_FIREFOX = 91;
export const MIN_SAFARI = 15;

export type BrowserVerdict =
  | { ok: true }
  | { ok: false; kind: 'ie'; name: string }
  | { ok: false; kind: 'old'; name: string; version: number; min: number };

/**
 * proxy.ts's matcher: the User-Agents that may be unsupported, so that the proxy runs for those
 * requests only (Next anchors it: ^…$). `browserSupport` decides; a test keeps the two in step.
 */
export const MAYBE_UNSUPPORTED_UA =
  '.*(Trident/|MSIE |Edge/\\d|Chrome/([1-7]?\\d|8[0-5])\\.|Firefox/([1-8]?\\d|90)\\.|Version/([1-9]|1[0-4])(\\.\\d+)* (Mobile/\\S+ )?Safari/).*';

function major(ua: string, re: RegExp): number | null {
  const m = re.exec(ua);
  return m ? Number(m[1]) : null;
}

export function browserSupport(ua: string | null | undefined): BrowserVerdict {
  if (!ua) return { ok: true };
  // 360/奇安信 兼容模式, IE 11 and older: Trident (IE 11 no longer says MSIE).
  if (/Trident\/|MSIE /.test(ua)) return { ok: false, kind: 'ie', name: 'Internet Explorer（兼容模式）' };
  // The old Edge (EdgeHTML): 「Edge/18.x」; the Chromium Edge says 「Edg/」 and a Chrome version.
  const edge = major(ua, /Edge\/(\d+)/);
  if (edge !== null) return { ok: false, kind: 'old', name: '旧版 Edge（EdgeHTML 内核）', version: edge, min: MIN_CHROMIUM };
  const chrome = major(ua, /(?:Chrome|Chromium)\/(\d+)\./);
  if (chrome !== null) return chrome >= MIN_CHROMIUM ? { ok: true } : { ok: false, kind: 'old', name: 'Chromium 内核', version: chrome, min: MIN_CHROMIUM };
  const firefox = major(ua, /Firefox\/(\d+)\./);
  if (firefox !== null) return firefox >= MIN_FIREFOX ? { ok: true } : { ok: false, kind: 'old', name: 'Firefox', version: firefox, min: MIN_FIREFOX };
  const safari = /Safari\//.test(ua) ? major(ua, /Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//) : null;
  if (safari !== null && safari < MIN_SAFARI) return { ok: false, kind: 'old', name: 'Safari', version: safari, min: MIN_SAFARI };
  return { ok: true };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page an unsupported browser gets: plain HTML, no script, styles inline, readable in IE 6.
 * `<meta name="renderer" content="webkit">` asks 360 and 奇安信 to open the site in 极速模式.
 */
export function unsupportedBrowserPage(v: Exclude<BrowserVerdict, { ok: true }>): string {
  const what =
    v.kind === 'ie'
      ? '您的浏览器正在使用<strong>兼容模式</strong>（IE 内核），年报系统在这种模式下无法填写和保存。'
      : `您的浏览器（${escapeHtml(v.name)} ${v.version}）版本过低，年报系统需要 Chromium ${MIN_CHROMIUM} 及以上内核，在这个版本里无法填写和保存。`;
  const heading = v.kind === 'ie' ? '请切换到极速模式' : '浏览器版本过低，请升级或换用新版浏览器';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="renderer" content="webkit">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · 年报</title>
<style>
body { margin: 0; padding: 40px 20px; background: #f3f4f6; color: #1f2937; font: 16px/1.7 "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", SimSun, sans-serif; }
.box { max-width: 720px; margin: 0 auto; padding: 24px 32px; background: #fff; border: 1px solid #d1d5db; border-top: 4px solid #b91c1c; }
h1 { margin: 0 0 12px; font-size: 24px; color: #b91c1c; }
li { margin: 6px 0; }
.note { color: #4b5563; font-size: 14px; }
</style>
</head>
<body>
<div class="box" id="unsupported-browser">
<h1>${heading}</h1>
<p>${what}</p>
<ol>
<li><strong>360安全浏览器、奇安信可信浏览器</strong>：点击地址栏右侧的模式图标（闪电或 e 形图标），选择<strong>「极速模式」</strong>，页面会自动刷新。如果浏览器版本较旧（360安全浏览器 13 以前），请先升级到最新版本。</li>
<li>或者使用 <strong>Chrome、Edge 86 及以上版本</strong>，或 Firefox ${MIN_FIREFOX} 及以上版本。</li>
</ol>
<p class="note">切换后重新打开本页即可。已经保存的报告不受影响。如果单位电脑无法更换浏览器，请联系本单位信息化管理员。</p>
</div>
</body>
</html>
`;
}
