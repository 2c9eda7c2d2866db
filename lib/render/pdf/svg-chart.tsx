/**
 * An SVG string (ECharts' server-side output, lib/insight/charts.ts) as react-pdf Svg
 * primitives, so a chart prints as vectors and its labels as real text in an embedded font.
 *
 * Parsed with node-html-parser (already the importer's parser for saved web pages). Drawn:
 * g, path, rect, circle, ellipse, line, polyline, polygon, text/tspan, and clip paths from defs.
 * Left out: <style> (ECharts' hover rules), <title>/<desc>, and what react-pdf cannot draw
 * (filters, masks, patterns, gradients referenced by url() — ECharts draws none of them for our
 * charts). What changes on the way:
 *
 * - Every text gets the families passed in: the SVG names fonts the PDF does not embed.
 * - A stroke on text is dropped: ECharts puts a white halo on labels (paint-order: stroke);
 *   react-pdf cannot stroke glyphs and would outline the glyph boxes instead.
 * - A stroke of width 0 is dropped: PDF draws a width-0 line as the thinnest line a device
 *   can show, where SVG draws nothing (the legend's invisible frame).
 * - A shape that paints nothing (no fill, no stroke, or fully transparent) is left out, except
 *   inside a clip path where only its outline counts.
 * - rgb()/rgba() colours become hex with the alpha as an opacity.
 */
import { Circle, ClipPath, Defs, Ellipse, G, Line, Path, Polygon, Polyline, Rect, Svg, Text, Tspan } from '@react-pdf/renderer';
import { createElement, type ComponentType, type ReactElement, type ReactNode } from 'react';
import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';

export type SvgChartOptions = {
  /** Width on the page in points; the height follows the SVG's aspect ratio. */
  width: number;
  /** Registered font families for every text, first choice first (per-character fallback). */
  fontFamily: string[];
};

type Props = Record<string, string | number | string[] | undefined>;

const SHAPES: Record<string, ComponentType<never>> = {
  path: Path as ComponentType<never>,
  rect: Rect as ComponentType<never>,
  circle: Circle as ComponentType<never>,
  ellipse: Ellipse as ComponentType<never>,
  line: Line as ComponentType<never>,
  polyline: Polyline as ComponentType<never>,
  polygon: Polygon as ComponentType<never>,
};

/** Geometry attributes per shape, passed as they are. */
const GEOMETRY: Record<string, string[]> = {
  path: ['d'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
  circle: ['cx', 'cy', 'r'],
  ellipse: ['cx', 'cy', 'rx', 'ry'],
  line: ['x1', 'y1', 'x2', 'y2'],
  polyline: ['points'],
  polygon: ['points'],
};

/** Presentation attributes react-pdf draws, by their SVG names. */
const PAINT: Record<string, string> = {
  fill: 'fill',
  stroke: 'stroke',
  'stroke-width': 'strokeWidth',
  'stroke-linecap': 'strokeLinecap',
  'stroke-linejoin': 'strokeLinejoin',
  'stroke-dasharray': 'strokeDasharray',
  'fill-opacity': 'fillOpacity',
  'stroke-opacity': 'strokeOpacity',
  'fill-rule': 'fillRule',
  opacity: 'opacity',
  transform: 'transform',
  'clip-path': 'clipPath',
  visibility: 'visibility',
};

/** Decided from the element and what it inherits (paintProps), not copied. */
const PAINT_DECIDED = new Set(['fill', 'stroke', 'stroke-width', 'fill-opacity', 'stroke-opacity', 'opacity']);

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?(px)?$/i;

/** `12px` → 12; anything else as it is. */
function num(v: string): number | string {
  return NUMBER.test(v.trim()) ? parseFloat(v) : v;
}

/** A colour react-pdf understands, and its alpha; null for no paint. */
export function paintColor(v: string | undefined): { color: string; alpha: number } | null {
  if (v === undefined) return null;
  const s = v.trim().toLowerCase();
  if (s === '' || s === 'none' || s === 'transparent') return null;
  const m = /^rgba?\(\s*([\d.]+%?)\s*[, ]\s*([\d.]+%?)\s*[, ]\s*([\d.]+%?)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/.exec(s);
  if (m) {
    const channel = (c: string) => Math.max(0, Math.min(255, Math.round(c.endsWith('%') ? (parseFloat(c) * 255) / 100 : parseFloat(c))));
    const hex = [m[1], m[2], m[3]].map((c) => channel(c).toString(16).padStart(2, '0')).join('');
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { color: `#${hex}`, alpha: Math.max(0, Math.min(1, alpha)) };
  }
  return { color: s, alpha: 1 };
}

/** The element's attributes with its style="" declarations on top (CSS wins over attributes). */
function attributesOf(el: HTMLElement): Record<string, string> {
  const out: Record<string, string> = { ...el.attributes };
  const style = out.style;
  delete out.style;
  if (style)
    for (const decl of style.split(';')) {
      const i = decl.indexOf(':');
      if (i > 0) out[decl.slice(0, i).trim().toLowerCase()] = decl.slice(i + 1).trim();
    }
  return out;
}

type Inherited = { fill?: string; stroke?: string; strokeWidth?: string; fillOpacity?: string; strokeOpacity?: string; fontSize?: string };

/**
 * The paint props of one element, from its own attributes and what it inherits (for deciding
 * whether it draws anything; react-pdf inherits on its own). Null: it paints nothing.
 */
function paintProps(attrs: Record<string, string>, inherited: Inherited, opts: { isText: boolean; inClip: boolean }): Props | null {
  const props: Props = {};
  for (const [name, prop] of Object.entries(PAINT)) {
    if (attrs[name] === undefined || PAINT_DECIDED.has(name)) continue;
    props[prop] = name === 'transform' || name === 'clip-path' || name === 'stroke-dasharray' ? attrs[name] : num(attrs[name]);
  }
  if (opts.inClip) {
    props.fill = '#000';
    return props;
  }
  const opacity = attrs.opacity === undefined ? 1 : Number(attrs.opacity);
  // SVG's initial fill is black.
  const fill = paintColor(attrs.fill ?? inherited.fill ?? '#000');
  const fillAlpha = (fill?.alpha ?? 0) * Number(attrs['fill-opacity'] ?? inherited.fillOpacity ?? 1);
  const stroke = opts.isText ? null : paintColor(attrs.stroke ?? inherited.stroke);
  const strokeWidth = Number(num(attrs['stroke-width'] ?? inherited.strokeWidth ?? '1'));
  const strokeAlpha = (stroke?.alpha ?? 0) * Number(attrs['stroke-opacity'] ?? inherited.strokeOpacity ?? 1);
  const fills = fill !== null && fillAlpha > 0;
  const strokes = stroke !== null && strokeAlpha > 0 && strokeWidth > 0;
  if (!(opacity > 0) || attrs.visibility === 'hidden' || (!fills && !strokes)) return null;
  // react-pdf paints an element that has a fill prop; `none` is how to say it has none.
  props.fill = fills ? fill.color : 'none';
  if (opacity < 1) props.opacity = opacity;
  if (fills && fillAlpha < 1) props.fillOpacity = fillAlpha;
  if (strokes) {
    props.stroke = stroke.color;
    props.strokeWidth = strokeWidth;
    if (strokeAlpha < 1) props.strokeOpacity = strokeAlpha;
  } else if (!opts.isText) props.stroke = 'none';
  return props;
}

function inheritedFrom(attrs: Record<string, string>, parent: Inherited): Inherited {
  return {
    fill: attrs.fill ?? parent.fill,
    stroke: attrs.stroke ?? parent.stroke,
    strokeWidth: attrs['stroke-width'] ?? parent.strokeWidth,
    fillOpacity: attrs['fill-opacity'] ?? parent.fillOpacity,
    strokeOpacity: attrs['stroke-opacity'] ?? parent.strokeOpacity,
    fontSize: attrs['font-size'] ?? parent.fontSize,
  };
}

type Ctx = { fontFamily: string[]; key: number; inClip: boolean };

const tagOf = (el: HTMLElement) => el.rawTagName.toLowerCase();
const elements = (n: Node): HTMLElement[] => n.childNodes.filter((c): c is HTMLElement => c.nodeType === NodeType.ELEMENT_NODE);

function textOf(el: HTMLElement, attrs: Record<string, string>): string {
  const raw = el.childNodes
    .filter((c) => c.nodeType === NodeType.TEXT_NODE)
    .map((c) => c.text)
    .join('');
  // Without xml:space="preserve", runs of white space collapse as in SVG.
  return attrs['xml:space'] === 'preserve' ? raw.replace(/[\t\n\r]/g, ' ') : raw.replace(/\s+/g, ' ').trim();
}

function convertText(el: HTMLElement, attrs: Record<string, string>, inherited: Inherited, ctx: Ctx): ReactElement | null {
  const paint = paintProps(attrs, inherited, { isText: true, inClip: false });
  if (!paint) return null;
  const size = Number(num(attrs['font-size'] ?? inherited.fontSize ?? '12'));
  const props: Props = {
    ...paint,
    key: ctx.key++,
    x: attrs.x === undefined ? 0 : num(attrs.x),
    y: attrs.y === undefined ? 0 : num(attrs.y),
    textAnchor: attrs['text-anchor'],
    dominantBaseline: attrs['dominant-baseline'],
    fontFamily: ctx.fontFamily,
    fontSize: Number.isFinite(size) && size > 0 ? size : 12,
  };
  const spans = elements(el).filter((c) => tagOf(c) === 'tspan');
  const children: ReactNode[] = spans.length
    ? spans.map((s) => {
        const a = attributesOf(s);
        return createElement(Tspan as ComponentType<never>, { key: ctx.key++, x: a.x === undefined ? undefined : num(a.x), y: a.y === undefined ? undefined : num(a.y) } as never, textOf(s, a));
      })
    : [textOf(el, attrs)];
  if (!spans.length && !children[0]) return null;
  return createElement(Text as ComponentType<never>, props as never, ...children);
}

function convert(el: HTMLElement, inherited: Inherited, ctx: Ctx): ReactElement | null {
  const tag = tagOf(el);
  const attrs = attributesOf(el);
  if (attrs.display === 'none') return null;
  if (tag === 'g') {
    const next = inheritedFrom(attrs, inherited);
    const children = elements(el)
      .map((c) => convert(c, next, ctx))
      .filter((c): c is ReactElement => c !== null);
    if (!children.length) return null;
    // A group passes on its transform, clip and opacity; paint is resolved per shape above.
    const props: Props = { key: ctx.key++ };
    if (attrs.transform) props.transform = attrs.transform;
    if (attrs['clip-path']) props.clipPath = attrs['clip-path'];
    if (attrs.opacity !== undefined && Number(attrs.opacity) < 1) props.opacity = Number(attrs.opacity);
    return createElement(G as ComponentType<never>, props as never, ...children);
  }
  if (tag === 'text') return ctx.inClip ? null : convertText(el, attrs, inherited, ctx);
  const shape = SHAPES[tag];
  if (!shape) return null;
  const paint = paintProps(attrs, inherited, { isText: false, inClip: ctx.inClip });
  if (!paint) return null;
  const props: Props = { ...paint, key: ctx.key++ };
  for (const g of GEOMETRY[tag]) if (attrs[g] !== undefined) props[g] = g === 'd' || g === 'points' ? attrs[g] : num(attrs[g]);
  if (tag === 'path' && !props.d) return null;
  return createElement(shape, props as never);
}

/** The clip paths anywhere in the SVG, gathered into one <Defs> (react-pdf reads the root's only). */
function clipPaths(root: HTMLElement, ctx: Ctx): ReactElement[] {
  const out: ReactElement[] = [];
  for (const cp of root.querySelectorAll('*')) {
    if (tagOf(cp) !== 'clippath' || !cp.attributes.id) continue;
    const inner = { ...ctx, inClip: true };
    const shapes = elements(cp)
      .map((c) => convert(c, {}, inner))
      .filter((c): c is ReactElement => c !== null);
    ctx.key = inner.key;
    out.push(createElement(ClipPath as ComponentType<never>, { key: ctx.key++, id: cp.attributes.id } as never, ...shapes));
  }
  return out;
}

/** The SVG's drawing as a react-pdf <Svg> `opts.width` points wide. */
export function svgToPdf(svg: string, opts: SvgChartOptions): ReactElement {
  const doc = parse(svg, { lowerCaseTagName: false, comment: false });
  const root = doc.querySelector('svg');
  if (!root) throw new Error('chart SVG without an <svg> element');
  const attrs = attributesOf(root);
  const box = (attrs.viewBox ?? attrs.viewbox ?? `0 0 ${parseFloat(attrs.width ?? '0')} ${parseFloat(attrs.height ?? '0')}`)
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box.length !== 4 || box.some((n) => !Number.isFinite(n)) || box[2] <= 0 || box[3] <= 0) throw new Error('SVG without a usable size');
  const ctx: Ctx = { fontFamily: opts.fontFamily, key: 0, inClip: false };
  const defs = clipPaths(root, ctx);
  const body = elements(root)
    .filter((c) => tagOf(c) !== 'defs')
    .map((c) => convert(c, {}, ctx))
    .filter((c): c is ReactElement => c !== null);
  const height = (opts.width * box[3]) / box[2];
  return (
    <Svg width={opts.width} height={height} viewBox={box.join(' ')}>
      {defs.length ? <Defs>{defs}</Defs> : null}
      {body}
    </Svg>
  );
}
