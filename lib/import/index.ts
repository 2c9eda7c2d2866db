/**
 * Import published reports (PDF text layer, DOCX, plain text, nianbao JSON) into a Report with
 * findings that say what was recognised, where in the source, and how sure.
 */
export { importFile, type ImportOptions } from './import-file';
export { importPath, describeImport } from './cli';
export { parseSource } from './parse';
export { readPdf } from './read-pdf';
export { readDocx } from './read-docx';
export { readText, decodeText } from './read-text';
export { readJson } from './read-json';
export { sniffFormat } from './sniff';
export { ImportError } from './errors';
export { IMPORT_LIMITS } from './limits';
export type { ImportFinding, ImportResult, Certainty, SourceDoc, SourceLine, SourceFormat } from './types';
