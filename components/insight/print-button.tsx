'use client';

/** The browser's print dialog: 「另存为 PDF」 there keeps the SVG charts as vectors. */
export function PrintButton() {
  return (
    <button type="button" className="btn" onClick={() => window.print()}>
      打印 / 另存为 PDF
    </button>
  );
}
