export { buildDocx, renderDocx, type DocxRenderOptions } from './render-docx';
