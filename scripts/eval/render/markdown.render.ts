/**
 * A report model → Markdown as PDF-to-Markdown converters give it, with the
 * damage seen in such conversions (issue 13): merged cells flattened into
 * empty cells (a merged label on the middle row of its span), one 表三 row broken over two lines, one row whose label cells
 * are lost, an extra leading cell on a row, and the table cut by a page
 * break (a page number, then the header rows printed again). The damage is
 * placed deterministically, so every cell can still be placed by label or
 * by position.
 */
import { expandGrid, type GridTable, type ReportModel } from './grid.types.ts';

const pipe = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;

/**
 * The grid as rows of strings, the rest of a merged cell empty. A merged
 * label in the body lands on the middle row of its span, as a converter
 * reading vertically centred PDF text puts it (（三）不予公开 beside its
 * fourth sub-row, 三、本年度办理结果 half-way down); header cells stay on
 * their first row.
 */
function flatRows(t: GridTable): string[][] {
  return expandGrid(t).map((row, r) => row.map((s, c) => {
    if (!s || s.originCol !== c) return '';
    const rs = s.cell.rowspan ?? 1;
    const at = s.originRow < t.headerRows || rs === 1 ? s.originRow : s.originRow + Math.floor((rs - 1) / 2);
    return at === r ? s.cell.text : '';
  }));
}

function tableLines(t: GridTable, isT3: boolean): string[] {
  const rows = flatRows(t);
  const head = rows.slice(0, Math.max(1, t.headerRows));
  const body = rows.slice(Math.max(1, t.headerRows));
  const sep = pipe(new Array<string>(t.width).fill('---'));
  const headLines = [pipe(head[0]!), sep, ...head.slice(1).map(pipe)];
  const out = [...headLines];
  const labelCount = isT3 ? 3 : 1;
  body.forEach((cells, i) => {
    const labelText = cells.slice(0, labelCount).join('');
    if (isT3 && i === Math.floor(body.length / 2)) {
      // a page break inside the table: the converter ends the table, prints the page number, starts it again with its header
      out.push('', '- 2 -', '', ...headLines);
    }
    if (isT3 && labelText.includes('二、上年结转')) {
      out.push(pipe(cells.slice(0, labelCount + 3)), pipe(cells.slice(labelCount + 3))); // a row broken over two lines
    } else if (isT3 && labelText.includes('3.危及')) {
      out.push(pipe(cells.slice(labelCount))); // label cells lost: only the seven figures
    } else if (labelText.includes('四、结转下年度') || labelText.includes('行政规范性文件') || /^规范性文件/u.test(labelText)) {
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
    else lines.push(...tableLines(b.table, b.table.width === 10), '');
  }
  return new Uint8Array(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
}
