/**
 * AMBIGUOUS_CELLS: a flattened table row whose digit run can be cut in more
 * than one way that satisfies every identity of its table (and that the
 * report's prose did not settle), so its cells were left unread rather than
 * guessed. One finding per row, naming the row, its columns and the
 * candidate splits, so that a reader of the original page can fill them in.
 */
import type { Finding, ReportTable, TableCell } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';

const TABLE_NAME: Record<string, string> = { t2: '表二', t3: '表三', t4: '表四', t5: '表五', stats: '统计表' };
/** Rows reported per table at most (a table flattened beyond reading says so through its first rows). */
const MAX_ROWS = 30;

/** The candidate splits segment listed for a row ("normative_docs: 2 consistent splits: 1|2|88; 12|8|8"). */
function splitsOf(table: ReportTable, row: string): { text: string; listed: string[][] | null } | null {
  for (const u of table.unparsed) {
    const m = /^(.+?): (\d+\+?) consistent splits: (.*)$/.exec(u.reason);
    if (!m || m[1] !== row) continue;
    const all = m[3] ?? '';
    // every split listed (no "…", not cut short): the values of each column can be read off them, empty cells included
    const listed = all.includes('…') || (m[2] ?? '').endsWith('+') ? null : all.split('; ').map((sp) => sp.split('|'));
    return { text: `${m[2]} ways: ${all}`, listed };
  }
  return null;
}

export function checkAmbiguousCells(ctx: RuleContext): Finding[] {
  const read = new Set(ctx.input.extract.metrics.map((m) => m.key));
  const out: Finding[] = [];
  for (const table of ctx.input.segment.tables) {
    const rows = new Map<string, TableCell[]>();
    for (const cell of table.cells) {
      // a cell the narrative settled downstream (extract) is read, not ambiguous
      if (!cell.ambiguous || read.has(`${table.kind}.${cell.row}.${cell.col}`)) continue;
      rows.set(cell.row, [...(rows.get(cell.row) ?? []), cell]);
    }
    const name = TABLE_NAME[table.kind] ?? table.kind;
    for (const [row, cells] of [...rows].slice(0, MAX_ROWS)) {
      const first = cells[0] as TableCell;
      const label = first.rowLabel ?? row;
      // the splits list every column of the row, including those all splits agree on
      const rowCells = table.cells.filter((c) => c.row === row && !c.derived);
      const cols = rowCells.map((c) => c.colLabel ?? c.col).join(' | ');
      const splits = splitsOf(table, row);
      const valuesOf = (c: TableCell): string[] => {
        const at = rowCells.indexOf(c);
        const fromSplits = splits?.listed?.every((sp) => sp.length === rowCells.length) ? [...new Set(splits.listed.map((sp) => sp[at] ?? ''))] : null;
        return fromSplits ?? (c.candidates ?? []).map(String);
      };
      const values = cells.map((c) => `${c.colLabel ?? c.col} ∈ {${valuesOf(c).join(', ')}}`).join('; ');
      const message = `${name} ${label}: the digit run "${first.raw}" splits ${splits?.text ?? 'in more than one way'} into ${cols} (∅ = an empty cell), and every split fits the table's arithmetic, so ${cells.length === 1 ? 'the cell is' : `${cells.length} cells are`} left unread (${values}).`;
      const start = Math.min(...cells.map((c) => c.start));
      const end = Math.max(...cells.map((c) => c.end));
      out.push(finding('AMBIGUOUS_CELLS', message, [ctx.ev(start, end)], {
        table: table.kind, row, cols: cells.map((c) => c.col).join('|'), splits: splits?.text ?? null, run: first.raw, cells: cells.length,
      }));
    }
  }
  return out;
}
