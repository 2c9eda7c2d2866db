/**
 * Tagged PDF (issue 27): the structure tree of the final copy, built while react-pdf draws.
 *
 * react-pdf emits no tags; pdfkit, which writes its PDF, can (struct, markStructureContent,
 * markContent). A patch in @react-pdf/render (`[nianbao patch]`) gives a tagger — made here, passed
 * as the Document's `tagger` prop — four hooks: `enter`/`exit` around every node, `content` around a
 * Text node's drawing, `artifact` around a node's fills and rules, and `finish` before the file
 * is written. Everything else is here, in plain functions over a small slice of pdfkit's API.
 *
 * What is tagged comes from the document tree, not from the layout: report-pdf.tsx puts a `tag`
 * prop (`tagProp`) on the Views and Texts that carry a heading, a paragraph, a table or a cell.
 * A tag names its structure element by id with its role, its rank in the document (`order`) and
 * its parent's tag, so a table cell reaches its TR and Table even though react-pdf lays cells out
 * in bands and boxes, not rows. Elements are made when first drawn and their children sorted by
 * rank at the end: the reading order is the document's even where react-pdf paints out of order
 * (a table's header band after its body bands, for the z-order of its rules). A paragraph broken
 * over two pages is one P with a marked-content piece on each. Header rows and group labels that
 * react-pdf repeats on later pages are tagged `once`: drawn again, they are artifacts. Text no
 * tag covers (page numbers, the draft watermark) and every fill and rule is an artifact.
 */

/** Standard structure types we use (ISO 32000-1, 14.8.4). */
export type StructRole = 'Document' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'LBody' | 'Caption' | 'Table' | 'TR' | 'TH' | 'TD' | 'Note';

export type StructRef = {
  /** Unique in the document; also the element's /ID (a TD's Headers name TH ids). */
  id: string;
  role: StructRole;
  /** Rank among its siblings in the document's order. */
  order: number;
  parent?: StructRef;
  /** Table attributes (/A with /O /Table). */
  scope?: 'Row' | 'Column' | 'Both';
  headers?: string[];
  rowSpan?: number;
  colSpan?: number;
  lang?: string;
};

export type NodeTag = {
  struct?: StructRef;
  /** The node and all it draws are artifacts of this kind. */
  artifact?: 'Pagination' | 'Layout' | 'Background';
  /** Drawn again on a later page (a repeated header), the node is an artifact there. */
  once?: boolean;
};

/** Spread into a react-pdf View or Text: `<Text {...tagProp(t)}>`. */
export const tagProp = (tag: NodeTag): object => ({ tag });

/** The slice of pdfkit's PDFDocument the tagger uses. */
type StructElement = {
  dictionary: { data: Record<string, unknown> };
  _children: unknown[];
  add(child: unknown): StructElement;
};
type PdfKitDoc = {
  page: { dictionary: unknown };
  _root: { data: { Names: { data: { Dests: { constructor: new () => { add(key: string, value: unknown): void } } } } } };
  getMarkInfoDictionary(): { data: Record<string, unknown> };
  getStructTreeRoot(): { data: Record<string, unknown> };
  struct(role: string, options?: Record<string, unknown>): StructElement;
  addStructure(el: StructElement): void;
  markContent(tag: string, options?: Record<string, unknown>): void;
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): void;
};

type LayoutNode = {
  type?: string;
  props?: { tag?: NodeTag };
  style?: Record<string, unknown>;
  box?: Record<string, number | undefined>;
};

type Scope = { kind: 'struct' } | { kind: 'artifact' } | undefined;

export type Tagger = {
  enter(node: LayoutNode): Scope;
  exit(scope: Scope): void;
  content(node: LayoutNode, draw: () => void): void;
  artifact(node: LayoutNode, draw: () => void): void;
  finish(): void;
};

/** What a node paints besides its text: a fill or a rule. */
function decorates(node: LayoutNode): boolean {
  const b = node.box;
  if (!b) return false;
  return Boolean(node.style?.backgroundColor || b.borderTopWidth || b.borderRightWidth || b.borderBottomWidth || b.borderLeftWidth);
}

type Made = { el: StructElement; ref: StructRef; order: number; page: unknown };

/**
 * A tagger for one render. Marks the document (/MarkInfo /Marked true), opens the Document
 * element and keeps an /IDTree of the ids it gives, for the table cells' /Headers.
 */
export function createTagger(ctx: PdfKitDoc): Tagger {
  ctx.getMarkInfoDictionary().data.Marked = true;
  const root = ctx.struct('Document');
  ctx.addStructure(root);
  const NameTree = ctx._root.data.Names.data.Dests.constructor;
  const ids = new NameTree();
  ctx.getStructTreeRoot().data.IDTree = ids;

  const made = new Map<string, Made>();
  const order = new Map<StructElement, number>();
  const stack: StructElement[] = [];
  let artifacts = 0;

  const ensure = (ref: StructRef): StructElement => {
    const known = made.get(ref.id);
    if (known) return known.el;
    const parent = ref.parent ? ensure(ref.parent) : root;
    const el = ctx.struct(ref.role, ref.lang ? { lang: ref.lang } : {});
    el.dictionary.data.ID = new String(ref.id);
    ids.add(ref.id, el.dictionary);
    const attrs: Record<string, unknown> = {};
    if (ref.scope) attrs.Scope = ref.scope;
    if (ref.headers?.length) attrs.Headers = ref.headers.map((h) => new String(h));
    if (ref.rowSpan && ref.rowSpan > 1) attrs.RowSpan = ref.rowSpan;
    if (ref.colSpan && ref.colSpan > 1) attrs.ColSpan = ref.colSpan;
    if (Object.keys(attrs).length) el.dictionary.data.A = { O: 'Table', ...attrs };
    parent.add(el);
    order.set(el, ref.order);
    made.set(ref.id, { el, ref, order: ref.order, page: ctx.page?.dictionary });
    return el;
  };

  const asArtifact = (type: string, draw: () => void) => {
    ctx.markContent('Artifact', { type });
    draw();
    ctx.endMarkedContent();
  };

  return {
    enter(node) {
      const tag = node.props?.tag;
      if (!tag) return undefined;
      if (tag.artifact) {
        artifacts++;
        return { kind: 'artifact' };
      }
      if (!tag.struct) return undefined;
      const seen = made.get(tag.struct.id);
      if (tag.once && seen && seen.page !== ctx.page.dictionary) {
        artifacts++;
        return { kind: 'artifact' };
      }
      stack.push(ensure(tag.struct));
      return { kind: 'struct' };
    },
    exit(scope) {
      if (!scope) return;
      if (scope.kind === 'artifact') artifacts--;
      else stack.pop();
    },
    content(node, draw) {
      const el = stack[stack.length - 1];
      if (artifacts > 0 || !el) return asArtifact(node.props?.tag?.artifact ?? 'Pagination', draw);
      const content = ctx.markStructureContent(String(el.dictionary.data.S));
      draw();
      ctx.endMarkedContent();
      el.add(content);
    },
    artifact(node, draw) {
      if (!decorates(node)) return draw();
      asArtifact('Layout', draw);
    },
    finish() {
      // Children in the document's order: elements by rank (stable, so pieces of one element's
      // content stay in page order).
      const sortAll = (el: StructElement) => {
        const kids = el._children;
        if (kids.every((k) => order.has(k as StructElement)))
          kids.sort((a, b) => (order.get(a as StructElement) ?? 0) - (order.get(b as StructElement) ?? 0));
        for (const k of kids) if (order.has(k as StructElement)) sortAll(k as StructElement);
      };
      sortAll(root);
    },
  };
}
