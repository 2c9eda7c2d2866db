/**
 * Below the browsers we build for (issue 22): IE / 360's 兼容模式 and Chromium < 86 get a plain
 * page; 360安全浏览器 13 and 奇安信 in 极速模式 (Chromium 86) and newer browsers do not.
 */
import { describe, expect, it } from 'vitest';
import { config } from '../../proxy';
import { browserSupport, MAYBE_UNSUPPORTED_UA, unsupportedBrowserPage } from './browser-support';

const UA = {
  ie11: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
  compat360: 'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; WOW64; Trident/7.0; SLCC2; .NET CLR 2.0.50727)',
  ie8: 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)',
  edge18: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
  chrome78: 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36',
  chrome85: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/85.0.4183.121 Safari/537.36',
  headless86: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/86.0.4240.0 Safari/537.36',
  se360: 'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36',
  qianxin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.198 Safari/537.36 QAXBrowser',
  chrome92: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.107 Safari/537.36',
  chrome131: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edge120: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  webview: 'Mozilla/5.0 (Linux; Android 10; K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36',
  firefox78: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:78.0) Gecko/20100101 Firefox/78.0',
  firefox115: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0',
  safari14: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Safari/605.1.15',
  ios17: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  curl: 'curl/8.5.0',
};

const unsupported = ['ie11', 'compat360', 'ie8', 'edge18', 'chrome78', 'chrome85', 'firefox78', 'safari14'] as const;

describe('browserSupport', () => {
  it('turns away IE (360 兼容模式) and kernels older than Chromium 86', () => {
    for (const k of unsupported) expect(browserSupport(UA[k]).ok, k).toBe(false);
    expect(browserSupport(UA.compat360)).toMatchObject({ kind: 'ie' });
    expect(browserSupport(UA.chrome85)).toMatchObject({ kind: 'old', version: 85, min: 86 });
  });

  it('lets 360安全浏览器 13 and 奇安信 (Chromium 86) and newer browsers in', () => {
    for (const k of Object.keys(UA) as (keyof typeof UA)[]) {
      if (!(unsupported as readonly string[]).includes(k)) expect(browserSupport(UA[k]).ok, k).toBe(true);
    }
    expect(browserSupport(null).ok).toBe(true);
  });

  it('the proxy runs for exactly the User-Agents it turns away (its matcher is the same pattern)', () => {
    const has = config.matcher[0].has[0].value;
    expect(has).toBe(MAYBE_UNSUPPORTED_UA);
    const re = new RegExp(`^${has}$`); // as Next matches a `has` value
    for (const [k, ua] of Object.entries(UA)) expect(re.test(ua), k).toBe(!browserSupport(ua).ok);
  });

  it('the page says what to switch to, in plain HTML without script', () => {
    const ie = unsupportedBrowserPage({ ok: false, kind: 'ie', name: 'IE' });
    expect(ie).toContain('<h1>请切换到极速模式</h1>');
    expect(ie).toContain('兼容模式');
    expect(ie).toContain('<meta name="renderer" content="webkit">');
    expect(ie).not.toMatch(/<script/i);
    const old = unsupportedBrowserPage(browserSupport(UA.chrome78) as Exclude<ReturnType<typeof browserSupport>, { ok: true }>);
    expect(old).toContain('<h1>浏览器版本过低，请升级或换用新版浏览器</h1>');
    expect(old).toContain('Chromium 内核 78');
    expect(old).toContain('Chromium 86 及以上');
  });
});
