export { renderHtml, type HtmlRenderOptions } from './render-html';
export { escapeHtml } from '../../escape-html';
export { packageIndexHtml, type IndexEntry } from './package-index';
