import type { GridSource } from '@gongkai/core';
import type { ChildNode, Element } from 'domhandler';
import { pushLayout, type RawCell, type SourceGrid } from '../grid/grid.layout.ts';
import { TrackedBuilder, type TrackedText } from '../text/tracked-text.ts';

/** Subtrees that never hold report text. */
export const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'iframe', 'head', 'title', 'nav', 'form', 'select', 'option', 'button', 'input',
  'textarea', 'svg', 'object', 'embed', 'template', 'map', 'video', 'audio', 'canvas',
]);

const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'main', 'header', 'footer',
  'aside', 'blockquote', 'pre', 'dl', 'dd', 'dt', 'center', 'hr', 'table', 'tr', 'caption', 'figure', 'figcaption', 'address',
]);

/** Longest cell text (in characters) a data table may have; longer cells mean a layout table. */
const MAX_DATA_CELL = 300;

export function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function isHidden(el: Element): boolean {
  const style = (el.attribs['style'] ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden') || 'hidden' in el.attribs;
}

/** Concatenated text of a subtree (entities decoded), skipping non-content tags. */
export function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || SKIPPED_TAGS.has(node.name) || isHidden(node)) return '';
  return node.children.map(textOf).join('');
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (n: ChildNode) => {
    if (!isElement(n)) return;
    if (n.name === 'tr') rows.push(n);
    else if (n.name !== 'table') n.children.forEach(visit);
  };
  table.children.forEach(visit);
  return rows;
}

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
}

function hasNestedTable(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (c.name === 'table' || hasNestedTable(c)));
}

/** A table of data (rows of short cells, nothing nested), as opposed to a page-layout table. */
export function isDataTable(table: Element): boolean {
  if (hasNestedTable(table)) return false;
  const rows = rowsOf(table);
  if (rows.length === 0) return false;
  return rows.every((r) => cellsOf(r).every((c) => textOf(c).trim().length <= MAX_DATA_CELL));
}

/**
 * Writes the visible text of a subtree: blocks on their own lines, each data
 * table row on one line with "\t" between cells (merged cells appear once,
 * in the first row they span). Source whitespace becomes plain spaces (HTML
 * renders it so); every character keeps its offset in the HTML source.
 */
export class HtmlTextWriter {
  private readonly out = new TrackedBuilder();
  /** Every data table written, laid out as a grid in HTML source offsets (see grid.layout.ts). */
  readonly grids: SourceGrid[] = [];
  /** Why some data tables got no grid. */
  readonly refused: string[] = [];

  constructor(
    private readonly sourceLength: number,
    private readonly gridSource: GridSource = 'html',
  ) {}

  private breakLine(at: number): void {
    const last = this.out.lastChar();
    if (last !== '' && last !== '\n') this.out.insert('\n', at);
  }

  private text(data: string, at: number): void {
    this.out.appendSpan(data.replace(/[\t\n\r\f]/g, ' '), at);
  }

  write(node: ChildNode): void {
    if (node.type === 'text') {
      this.text(node.data, node.startIndex ?? 0);
      return;
    }
    if (!isElement(node) || SKIPPED_TAGS.has(node.name) || isHidden(node)) return;
    const at = node.startIndex ?? 0;
    if (node.name === 'table' && isDataTable(node)) {
      this.table(node);
      return;
    }
    const block = BLOCK_TAGS.has(node.name) || node.name === 'td' || node.name === 'th';
    if (block) this.breakLine(at);
    node.children.forEach((c) => this.write(c));
    if (block) this.breakLine(node.endIndex ?? at);
  }

  private table(table: Element): void {
    this.breakLine(table.startIndex ?? 0);
    const rows = rowsOf(table);
    this.layout(rows);
    for (const row of rows) {
      const cells = cellsOf(row);
      if (cells.length === 0) continue;
      cells.forEach((cell, i) => {
        if (i > 0) this.out.insert('\t', cell.startIndex ?? 0);
        this.cell(cell);
      });
      this.out.insert('\n', row.endIndex ?? 0);
    }
  }

  /** The table's grid: each cell's spans and the source range of its content (inside its tags). */
  private layout(rows: Element[]): void {
    const span = (el: Element, name: string) => Number.parseInt(el.attribs[name] ?? '1', 10);
    const raw = rows.map((row) =>
      cellsOf(row).map((cell): RawCell => ({
        rowSpan: span(cell, 'rowspan'),
        colSpan: span(cell, 'colspan'),
        from: (cell.startIndex ?? 0) + 1,
        to: (cell.endIndex ?? 0) + 1,
      })),
    );
    pushLayout(this.grids, this.refused, raw, this.gridSource);
  }

  /** Cell content on one line: inner blocks and line breaks collapse into spaces. */
  private cell(node: ChildNode): void {
    if (node.type === 'text') {
      this.text(node.data, node.startIndex ?? 0);
      return;
    }
    if (!isElement(node) || SKIPPED_TAGS.has(node.name) || isHidden(node)) return;
    const block = BLOCK_TAGS.has(node.name);
    if (block) this.out.insert(' ', node.startIndex ?? 0);
    node.children.forEach((c) => this.cell(c));
  }

  result(): TrackedText {
    return this.out.build(this.sourceLength);
  }
}
