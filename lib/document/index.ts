export * from './types';
export { buildDocument, documentFileName, paragraphsOf, partNumbers, type BuildOptions } from './build';
export { cellText } from './tables';
export { breakTitle, textUnits } from './title-lines';
