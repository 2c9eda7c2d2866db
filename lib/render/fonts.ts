/**
 * Fonts by role, in one place. Each role names the font Chinese offices use (what the DOCX
 * asks for by name) and resolves, for the PDF, to font files found in this order:
 *
 *   1. `FONT_DIR` — a folder where an agency drops its licensed fonts (方正小标宋简体.ttf,
 *      仿宋_GB2312.ttf …). Matched by file name, or by `fonts.json` ({ "body": "file.ttf" }).
 *   2. Fandol 仿宋/楷体 unpacked by `scripts/fetch-fandol-fonts.mjs` from Debian's package.
 *   3. Noto Serif SC / Noto Sans SC static TTFs from npm (@expo-google-fonts), always there.
 *
 * Every role also gets fallbacks (Noto Serif SC, then Noto Sans SC) that react-pdf uses, per
 * character, for characters the first font lacks — rare place-name characters print in a
 * font that has them rather than as a blank box. Nothing is ever fetched at run time.
 */
import { appRoot } from '../app-root';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontRole = 'title' | 'heading1' | 'heading2' | 'body' | 'table' | 'pageNumber';
export const FONT_ROLES: FontRole[] = ['title', 'heading1', 'heading2', 'body', 'table', 'pageNumber'];

export type FontSourceKind = 'fontDir' | 'fandol' | 'npm';

export type FontFace = {
  /** Family name registered with the PDF renderer (unique per file). */
  family: string;
  file: string;
  /** Human-readable name for the font report. */
  name: string;
  source: FontSourceKind;
  /** For TTC collections. */
  postscriptName?: string;
};

export type RoleSpec = {
  /** The font offices have and GB/T 9704 asks for (named in the DOCX). */
  official: string;
  /** File-name patterns that identify the official font (or a licensed equivalent) in FONT_DIR. */
  patterns: RegExp[];
};

/** The roles of GB/T 9704 (design §4.1, §4.2). */
export const ROLE_SPECS: Record<FontRole, RoleSpec> = {
  title: { official: '方正小标宋简体', patterns: [/小标宋/, /xiaobiaosong/i, /FZXBS/i] },
  heading1: { official: '黑体', patterns: [/^黑体/, /simhei/i, /^hei/i] },
  heading2: { official: '楷体_GB2312', patterns: [/楷体/, /kaiti/i, /simkai/i] },
  body: { official: '仿宋_GB2312', patterns: [/仿宋/, /fangsong/i, /simfang/i] },
  table: { official: '仿宋_GB2312', patterns: [/仿宋/, /fangsong/i, /simfang/i] },
  pageNumber: { official: '宋体', patterns: [/^宋体/, /simsun/i, /^songti/i] },
};

export type ResolvedRole = {
  role: FontRole;
  official: string;
  /** The font used first, then the fallbacks, in order. */
  faces: FontFace[];
  /** True when the first font is not the official one (an open substitute). */
  isSubstitute: boolean;
};

export type FontSetup = {
  roles: Record<FontRole, ResolvedRole>;
  /** Every distinct face, for registration. */
  faces: FontFace[];
  fontDir: string | null;
};

export type FontOptions = {
  /** Defaults to process.env.FONT_DIR. */
  fontDir?: string | null;
  /** Defaults to $NIANBAO_FONT_CACHE or node_modules/.cache/nianbao-fonts. */
  cacheDir?: string;
  /** Ignore Fandol even when present (tests of the npm-only path). */
  skipFandol?: boolean;
};

const appRequire = () => createRequire(path.join(appRoot(), 'package.json'));

/** A file of one of our npm font packages, resolved from the app's node_modules at run time. */
function npmFont(pkg: string, weightDir: string, file: string): string {
  const dir = path.dirname(appRequire().resolve(`${pkg}/package.json`));
  return path.join(dir, weightDir, file);
}

const NOTO = {
  serifRegular: () => npmFont('@expo-google-fonts/noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf'),
  serifBold: () => npmFont('@expo-google-fonts/noto-serif-sc', '700Bold', 'NotoSerifSC_700Bold.ttf'),
  sansMedium: () => npmFont('@expo-google-fonts/noto-sans-sc', '500Medium', 'NotoSansSC_500Medium.ttf'),
  sansRegular: () => npmFont('@expo-google-fonts/noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf'),
};

function face(family: string, file: string, name: string, source: FontSourceKind): FontFace {
  return { family, file, name, source };
}

/** The open defaults per role when no licensed font is given. */
function defaultFaces(cacheDir: string, skipFandol: boolean): Record<FontRole, FontFace> {
  const fandol = (f: string) => path.join(cacheDir, 'fandol', f);
  const fang = fandol('FandolFang-Regular.otf');
  const kai = fandol('FandolKai-Regular.otf');
  const serif = face('NotoSerifSC', NOTO.serifRegular(), 'Noto Serif SC', 'npm');
  return {
    // 小标宋 is a heavy, narrow Song; Noto Serif SC Bold is the closest open face (design §4.2).
    title: face('NotoSerifSCBold', NOTO.serifBold(), 'Noto Serif SC Bold', 'npm'),
    heading1: face('NotoSansSCMedium', NOTO.sansMedium(), 'Noto Sans SC Medium', 'npm'),
    heading2: !skipFandol && existsSync(kai) ? face('FandolKai', kai, 'FandolKai', 'fandol') : serif,
    body: !skipFandol && existsSync(fang) ? face('FandolFang', fang, 'FandolFang', 'fandol') : serif,
    table: !skipFandol && existsSync(fang) ? face('FandolFang', fang, 'FandolFang', 'fandol') : serif,
    pageNumber: serif,
  };
}

/** Licensed fonts in FONT_DIR, by role: fonts.json first, then file names. */
function fontDirFaces(dir: string): Partial<Record<FontRole, FontFace>> {
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir).filter((f) => /\.(ttf|otf)$/i.test(f));
  const out: Partial<Record<FontRole, FontFace>> = {};
  const mapFile = path.join(dir, 'fonts.json');
  const explicit: Partial<Record<FontRole, string>> = existsSync(mapFile)
    ? (JSON.parse(readFileSync(mapFile, 'utf8')) as Partial<Record<FontRole, string>>)
    : {};
  for (const role of FONT_ROLES) {
    const file = explicit[role] ?? files.find((f) => ROLE_SPECS[role].patterns.some((p) => p.test(f)));
    if (!file || !existsSync(path.join(dir, file))) continue;
    const name = path.basename(file).replace(/\.(ttf|otf)$/i, '');
    out[role] = face(`dir:${name}`, path.join(dir, file), name, 'fontDir');
  }
  return out;
}

let cached: { key: string; setup: FontSetup } | null = null;

/** Resolves the font files of every role (cached per option set: it reads folders only). */
export function resolveFonts(opts: FontOptions = {}): FontSetup {
  const fontDir = opts.fontDir === undefined ? (process.env.FONT_DIR ?? null) : opts.fontDir;
  const cacheDir =
    opts.cacheDir ?? process.env.NIANBAO_FONT_CACHE ?? path.join(appRoot(), 'node_modules/.cache/nianbao-fonts');
  const key = JSON.stringify([fontDir, cacheDir, opts.skipFandol ?? false]);
  if (cached?.key === key) return cached.setup;

  const defaults = defaultFaces(cacheDir, opts.skipFandol ?? false);
  const licensed = fontDir ? fontDirFaces(fontDir) : {};
  const fallbacks = [
    face('NotoSerifSC', NOTO.serifRegular(), 'Noto Serif SC', 'npm'),
    face('NotoSansSC', NOTO.sansRegular(), 'Noto Sans SC', 'npm'),
  ];
  const roles = {} as Record<FontRole, ResolvedRole>;
  for (const role of FONT_ROLES) {
    const first = licensed[role] ?? defaults[role];
    const faces = [first, ...fallbacks.filter((f) => f.family !== first.family)];
    roles[role] = { role, official: ROLE_SPECS[role].official, faces, isSubstitute: first.source !== 'fontDir' };
  }
  const all = new Map<string, FontFace>();
  for (const r of Object.values(roles)) for (const f of r.faces) all.set(f.family, f);
  const setup: FontSetup = { roles, faces: [...all.values()], fontDir };
  cached = { key, setup };
  return setup;
}

/** The family list a renderer gives for a role: the font, then its per-character fallbacks. */
export function roleFamilies(setup: FontSetup, role: FontRole): string[] {
  return setup.roles[role].faces.map((f) => f.family);
}

export type FontReport = {
  role: FontRole;
  official: string;
  used: string;
  source: FontSourceKind;
  isSubstitute: boolean;
  /** Characters of the text that the role's first font lacks, and the font that printed them. */
  fallbackChars: { char: string; font: string | null }[];
};

type CoverageFont = { hasGlyphForCodePoint(cp: number): boolean };
const openedFonts = new Map<string, CoverageFont>();

async function openFont(f: FontFace): Promise<CoverageFont> {
  const hit = openedFonts.get(f.file);
  if (hit) return hit;
  const fontkit = await import('fontkit');
  const opened = (fontkit.openSync ?? fontkit.default.openSync)(f.file, f.postscriptName);
  openedFonts.set(f.file, opened);
  return opened;
}

/**
 * Which font each role uses, whether it is a substitute for the official one, and — given the
 * text each role prints — which characters fell back to another font. The app shows this next
 * to the download and warns on substitutes.
 */
export async function fontReport(setup: FontSetup, textByRole: Partial<Record<FontRole, string>> = {}): Promise<FontReport[]> {
  const out: FontReport[] = [];
  for (const role of FONT_ROLES) {
    const r = setup.roles[role];
    const fallbackChars: FontReport['fallbackChars'] = [];
    const text = textByRole[role];
    if (text) {
      const first = await openFont(r.faces[0]);
      const seen = new Set<string>();
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (seen.has(ch) || cp < 0x20 || /\s/.test(ch)) continue;
        seen.add(ch);
        if (first.hasGlyphForCodePoint(cp)) continue;
        let by: string | null = null;
        for (const f of r.faces.slice(1)) {
          if ((await openFont(f)).hasGlyphForCodePoint(cp)) {
            by = f.name;
            break;
          }
        }
        fallbackChars.push({ char: ch, font: by });
      }
    }
    out.push({
      role,
      official: r.official,
      used: r.faces[0].name,
      source: r.faces[0].source,
      isSubstitute: r.isSubstitute,
      fallbackChars,
    });
  }
  return out;
}
