/**
 * The server's HTML until the editor's script has started (the editor removes it once it is
 * live): nothing can be filled in or saved yet. If the script never starts — a kernel older than
 * we build for, scripts turned off — the page must not look alive: after a few seconds a CSS
 * animation (no script needed) says that this browser cannot run the editor and what to use.
 */
export function BootNotice() {
  return (
    <div className="banner alert warn editor-boot" role="status" data-testid="editor-boot">
      <noscript>
        <style>{'.editor-boot .boot-wait{display:none}.editor-boot .boot-failed{max-height:none;animation:none}'}</style>
        本浏览器没有启用脚本（JavaScript）。
      </noscript>
      <span className="boot-wait">正在启动编辑器，启动之前不能填写和保存……</span>
      <span className="boot-failed">
        编辑器没有启动：本页不能填写，在这里输入的内容不会保存。请使用 360安全浏览器、奇安信可信浏览器的<strong>极速模式</strong>
        （Chromium 86 及以上内核），或 Chrome、Edge 86 及以上版本，然后重新打开本页。
      </span>
    </div>
  );
}
