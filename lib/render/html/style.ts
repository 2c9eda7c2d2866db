/**
 * The publication page's style sheet. Fonts are the reader's own: the office font names first
 * (as the PDF and the Word file name them), then what Windows, macOS and Linux ship. Print
 * follows the PDF: A4, GB/T 9704 margins, 3号 body on the 28.95 pt line pitch, 2号 title,
 * 「— N —」 page numbers on the outer side (Chromium prints @page margin boxes).
 */
import { FONT_SIZE_PT, LINE_PITCH_PT, MARGINS_MM, TITLE_LINE_PT } from '../../document/page-layout';

const FONTS = {
  title: `'方正小标宋简体','FZXiaoBiaoSong-B05S','华文中宋','STZhongsong','宋体','SimSun','Songti SC','Noto Serif CJK SC','Noto Serif SC','Source Han Serif SC',serif`,
  heading1: `'黑体','SimHei','Heiti SC','PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',sans-serif`,
  heading2: `'楷体_GB2312','KaiTi_GB2312','楷体','KaiTi','STKaiti','Kaiti SC','FandolKai','AR PL UKai CN',serif`,
  body: `'仿宋_GB2312','FangSong_GB2312','仿宋','FangSong','STFangsong','FandolFang','Noto Serif CJK SC','Noto Serif SC','Source Han Serif SC','Songti SC',serif`,
  pageNumber: `'宋体','SimSun','Songti SC','Noto Serif CJK SC','Noto Serif SC',serif`,
};

const pt = (v: number) => `${Math.round(v * 100) / 100}pt`;

/** Below this width the page is a phone's: no indented measure, tables scroll with their labels in view. */
export const NARROW_MAX_WIDTH = '44em';

export function pageCss(tables: { wideCss: string; narrowCss: string }[]): string {
  const m = MARGINS_MM;
  return `
:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#000;font-family:${FONTS.body};font-size:18px;line-height:1.8}
main{max-width:46em;margin:0 auto;padding:2em 1.5em 3em}
h1{font-family:${FONTS.title};font-size:1.75em;font-weight:700;line-height:1.45;text-align:center;margin:0 0 .2em}
h1 .tl{display:block}
.date{text-align:center;margin:0 0 1.2em}
h2{font-family:${FONTS.heading1};font-size:1.1em;font-weight:700;margin:1.4em 0 .4em}
h3{font-family:${FONTS.heading2};font-size:1em;font-weight:700;margin:1em 0 .3em}
p{margin:0 0 .5em;text-indent:2em;text-align:justify;line-break:strict;overflow-wrap:anywhere}
.draft{border:2px solid #b00020;color:#b00020;padding:.3em .6em;text-indent:0;text-align:center}
.note{font-size:.85em;text-indent:0;margin-top:.4em}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.tbl{overflow-x:auto;margin:.6em 0 1em;-webkit-overflow-scrolling:touch}
.tbl:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
table{border-collapse:separate;border-spacing:0;width:100%;table-layout:fixed;font-size:.8em;line-height:1.4;border-top:1px solid #000;border-left:1px solid #000}
caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
th,td{border-right:1px solid #000;border-bottom:1px solid #000;padding:.25em .3em;font-weight:400;text-align:center;vertical-align:middle;background:#fff;overflow-wrap:anywhere}
th.left{text-align:left}
td.corner{font-size:.9em;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;padding-right:.45em}
${tables.map((t) => t.wideCss).join('\n')}
@media screen and (max-width:${NARROW_MAX_WIDTH}){
body{font-size:17px}
main{padding:1em 1em 2em}
h1{font-size:1.45em}
h1 .tl{display:inline}
table{table-layout:fixed}
.stick{position:sticky;z-index:1}
${tables.map((t) => t.narrowCss).join('\n')}
}
@page{size:A4;margin:${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm}
@page :right{@bottom-right{content:"— " counter(page) " —";font-family:${FONTS.pageNumber};font-size:${pt(FONT_SIZE_PT.pageNumber)};margin-right:1em}}
@page :left{@bottom-left{content:"— " counter(page) " —";font-family:${FONTS.pageNumber};font-size:${pt(FONT_SIZE_PT.pageNumber)};margin-left:1em}}
@media print{
body{font-size:${pt(FONT_SIZE_PT.body)};line-height:${pt(LINE_PITCH_PT)}}
main{max-width:none;padding:0}
h1{font-size:${pt(FONT_SIZE_PT.title)};font-weight:400;line-height:${pt(TITLE_LINE_PT)};margin:0 0 ${pt(LINE_PITCH_PT)}}

h2,h3{font-size:1em;font-weight:400;margin:0;text-indent:2em;break-after:avoid}
p{margin:0}
.note{font-size:${pt(FONT_SIZE_PT.table)};line-height:1.5}
.tbl{overflow:visible;margin:6pt 0 12pt;break-before:avoid}
table{font-size:${pt(FONT_SIZE_PT.table)};line-height:1.35;border-collapse:collapse;border:0}
table.keep{break-inside:avoid}
tr,tbody.grp{break-inside:avoid}
th,td{padding:2pt 3pt;border:.75pt solid #000}
}
`;
}
