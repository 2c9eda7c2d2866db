/** The little of fontkit 2 we use (it ships no types; @react-pdf/renderer depends on the same version). */
declare module 'fontkit' {
  export type FontkitFont = {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { advanceWidth: number };
  };
  export function openSync(path: string, postscriptName?: string): FontkitFont;
  const fontkit: { openSync: typeof openSync };
  export default fontkit;
}
