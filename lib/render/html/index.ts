export { renderHtml, type HtmlRenderOptions } from './render-html';
export { escapeHtml } from './escape';
export { packageIndexHtml, type IndexEntry } from './package-index';
