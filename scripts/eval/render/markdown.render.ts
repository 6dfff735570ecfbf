/**
 * A report model → Markdown as PDF-to-Markdown converters give it, with the
 * damage seen in such conversions (issue 13): merged cells flattened into
 * empty cells (a merged label on the middle row of its span); in 表三 one
 * row broken over two lines, one sub-row whose label cells are lost, an
 * extra leading cell on a row, and the table cut by a page break (a page
 * number, then the header rows printed again); an extra leading cell on
 * 表二's 规范性文件 row. Where the damage falls is chosen per report (seeded
 * by its title, so a run is repeatable and no fixed row can be special-cased),
 * always where every cell can still be placed by label or by position.
 */
import { expandGrid, type GridTable, type ReportModel } from './grid.types.ts';

const pipe = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;

/**
 * The grid as rows of strings, the rest of a merged cell empty. A merged
 * label in the body lands on the middle row of its span, as a converter
 * reading vertically centred PDF text puts it (（三）不予公开 beside its
 * fourth sub-row, 三、本年度办理结果 half-way down); header cells and
 * merged figures stay on their first row (a merged figure centred between
 * rows could not be told from the rows' own figures).
 */
function flatRows(t: GridTable): string[][] {
  return expandGrid(t).map((row, r) => row.map((s, c) => {
    if (!s || s.originCol !== c) return '';
    const rs = s.cell.rowspan ?? 1;
    const at = s.originRow < t.headerRows || rs === 1 || !s.cell.label ? s.originRow : s.originRow + Math.floor((rs - 1) / 2);
    return at === r ? s.cell.text : '';
  }));
}

/** Where the damage falls in 表三's body rows: chosen per report (seeded by its title), always placeable. */
interface Damage {
  pageBreak: number;
  broken: number;
  unlabelled: number;
  extraCell: number;
}

/** FNV-1a of the title, then a few LCG steps: the same report is always damaged the same way. */
function damageFor(body: readonly string[][], title: string): Damage {
  let h = 0x811c9dc5;
  for (const ch of title) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  const next = (n: number) => {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0;
    return n <= 0 ? 0 : (h >>> 8) % n;
  };
  const sub = (i: number) => /^\d\./u.test(body[i]?.[2] ?? '');
  // a row whose labels are lost must sit between two numbered sub-rows and carry no group label (placeable by position)
  const lost = body.map((_, i) => i).filter((i) => sub(i) && sub(i - 1) && sub(i + 1) && !body[i]![0] && !body[i]![1]);
  const unlabelled = lost.length ? lost[next(lost.length)]! : -1;
  const others = body.map((_, i) => i).filter((i) => i !== unlabelled);
  const broken = others[next(others.length)]!;
  const rest = others.filter((i) => i !== broken);
  const third = Math.floor(body.length / 3);
  let pageBreak = third + next(third + 1);
  if (pageBreak === unlabelled || pageBreak === unlabelled + 1) pageBreak = unlabelled + 2; // keep the lost row between its neighbours
  return { pageBreak, broken, unlabelled, extraCell: rest[next(rest.length)]! };
}

function tableLines(t: GridTable, isT3: boolean, title: string): string[] {
  const rows = flatRows(t);
  const head = rows.slice(0, Math.max(1, t.headerRows));
  const body = rows.slice(Math.max(1, t.headerRows));
  const sep = pipe(new Array<string>(t.width).fill('---'));
  const headLines = [pipe(head[0]!), sep, ...head.slice(1).map(pipe)];
  const out = [...headLines];
  const labelCount = isT3 ? 3 : 1;
  const d = isT3 ? damageFor(body, title) : null;
  body.forEach((cells, i) => {
    const labelText = cells.slice(0, labelCount).join('');
    if (d && i === d.pageBreak) {
      // a page break inside the table: the converter ends the table, prints the page number, starts it again with its header
      out.push('', '- 2 -', '', ...headLines);
    }
    if (d && i === d.broken) {
      out.push(pipe(cells.slice(0, labelCount + 3)), pipe(cells.slice(labelCount + 3))); // a row broken over two lines
    } else if (d && i === d.unlabelled) {
      out.push(pipe(cells.slice(labelCount))); // label cells lost: only the seven figures
    } else if ((d && i === d.extraCell) || labelText.includes('行政规范性文件') || /^规范性文件/u.test(labelText)) {
      out.push(pipe(['', ...cells])); // an extra leading cell
    } else {
      out.push(pipe(cells));
    }
  });
  return out;
}

export function renderMarkdown(model: ReportModel): Uint8Array {
  const lines: string[] = [];
  for (const b of model.blocks) {
    if (b.kind === 'title') lines.push(`# ${b.text}`, '');
    else if (b.kind === 'h') lines.push(`## ${b.text}`, '');
    else if (b.kind === 'p') lines.push(b.text, '');
    else lines.push(...tableLines(b.table, b.table.width === 10, model.title), '');
  }
  return new Uint8Array(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
}
