import { describe, expect, it } from 'vitest';
import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import { paintColor, svgToPdf } from './svg-chart';

type El = ReactElement<Record<string, unknown> & { children?: ReactNode }>;

/** Every element under `el` (itself included), depth first. */
function all(el: El): El[] {
  const out: El[] = [el];
  Children.forEach(el.props.children, (c) => {
    if (isValidElement(c)) out.push(...all(c as El));
  });
  return out;
}
const typeName = (e: El) => (typeof e.type === 'string' ? e.type : String(e.type));

const opts = { width: 300, fontFamily: ['ChartSans', 'Fallback'] };

describe('svgToPdf', () => {
  it('scales the drawing to the width asked, keeping the aspect ratio of the viewBox', () => {
    const el = svgToPdf('<svg width="600" height="200" viewBox="0 0 600 200"><path d="M0 0L10 10" stroke="#000"/></svg>', opts) as El;
    expect(el.props).toMatchObject({ width: 300, height: 100, viewBox: '0 0 600 200' });
  });

  it('gives every text the registered families and its size, drops the halo stroke, keeps anchor and baseline', () => {
    const svg = `<svg viewBox="0 0 100 50"><text dominant-baseline="central" text-anchor="end" style="font-size:12px;font-family:&quot;Noto Sans CJK SC&quot;, sans-serif;" transform="translate(48 9)" fill="#6E7079" stroke="rgb(255,255,255)" stroke-width="2" paint-order="stroke">文峰区 &amp; 安阳</text></svg>`;
    const [text] = all(svgToPdf(svg, opts) as El).filter((e) => typeName(e) === 'TEXT');
    expect(text.props).toMatchObject({ fontFamily: ['ChartSans', 'Fallback'], fontSize: 12, textAnchor: 'end', dominantBaseline: 'central', transform: 'translate(48 9)', fill: '#6e7079' });
    expect(text.props.stroke).toBeUndefined();
    expect(text.props.children).toBe('文峰区 & 安阳');
  });

  it('survives the unescaped quotes ECharts writes into a style attribute', () => {
    const svg = `<svg viewBox="0 0 100 50"><text style="font-size:11px;font-family:"Noto Sans CJK SC", sans-serif;" x="3" fill="#333">12</text></svg>`;
    const [text] = all(svgToPdf(svg, opts) as El).filter((e) => typeName(e) === 'TEXT');
    expect(text.props).toMatchObject({ fontSize: 11, x: 3, fontFamily: opts.fontFamily, children: '12' });
  });

  it('leaves out what paints nothing and never draws a width-0 stroke', () => {
    const svg = `<svg viewBox="0 0 100 50">
      <rect width="100" height="50" x="0" y="0" fill="none"></rect>
      <path d="M-5 -5l432 0l0 24l-432 0Z" fill="rgb(0,0,0)" fill-opacity="0" stroke="#ccc" stroke-width="0"></path>
      <path d="M0 0l66 0l0 14l-66 0Z" fill="none" pointer-events="visible"></path>
      <path d="M1 1L9 9" fill="none" stroke="#E0E6F1"></path>
      <path d="M2 2l28 0l0 -16l-28 0Z" fill="rgba(29,78,216,0.5)" stroke="#fff" stroke-width="0"></path>
      <style><![CDATA[.zr0-cls-0:hover { pointer-events:none; }]]></style>
    </svg>`;
    const shapes = all(svgToPdf(svg, opts) as El).slice(1);
    expect(shapes.map((s) => [typeName(s), s.props.d, s.props.fill, s.props.stroke, s.props.fillOpacity])).toEqual([
      ['PATH', 'M1 1L9 9', 'none', '#e0e6f1', undefined],
      ['PATH', 'M2 2l28 0l0 -16l-28 0Z', '#1d4ed8', 'none', 0.5],
    ]);
  });

  it('gathers clip paths into one Defs at the root, where react-pdf resolves url(#id)', () => {
    const svg = `<svg viewBox="0 0 100 50"><g clip-path="url(#zr1-c0)"><path d="M0 0L9 9" stroke="#1d4ed8" stroke-width="2" stroke-linejoin="bevel" fill="none"/></g>
      <defs><clipPath id="zr1-c0"><path d="M55 23l666 0l0 266l-666 0Z" fill="#000"/></clipPath></defs></svg>`;
    const root = svgToPdf(svg, opts) as El;
    const kids = Children.toArray(root.props.children).filter(isValidElement) as El[];
    expect(kids.map(typeName)).toEqual(['DEFS', 'G']);
    const clip = all(kids[0]).find((e) => typeName(e) === 'CLIP_PATH')!;
    expect(clip.props.id).toBe('zr1-c0');
    expect(all(clip).some((e) => typeName(e) === 'PATH' && e.props.d === 'M55 23l666 0l0 266l-666 0Z')).toBe(true);
    expect(kids[1].props.clipPath).toBe('url(#zr1-c0)');
    const line = all(kids[1]).find((e) => typeName(e) === 'PATH')!;
    expect(line.props).toMatchObject({ stroke: '#1d4ed8', strokeWidth: 2, strokeLinejoin: 'bevel', fill: 'none' });
  });

  it('reads colours as react-pdf wants them', () => {
    expect(paintColor('rgb(255,255,255)')).toEqual({ color: '#ffffff', alpha: 1 });
    expect(paintColor('rgba(0, 0, 0, 0.25)')).toEqual({ color: '#000000', alpha: 0.25 });
    expect(paintColor('#1D4ED8')).toEqual({ color: '#1d4ed8', alpha: 1 });
    expect(paintColor('none')).toBeNull();
    expect(paintColor('transparent')).toBeNull();
  });
});
