export { renderHtml, type HtmlRenderOptions } from './render-html';
export { escapeHtml } from './escape';
