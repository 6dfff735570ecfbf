/**
 * The state of the uniform tables themselves: blank or "/" cells the template
 * expects a number in (EMPTY_OR_SLASH, a publisher matter), and cells or
 * whole tables the pipeline could not read unambiguously (TABLE_UNREAD, info:
 * the identities touching them were not checked, so silence is not a pass).
 */
import type { Evidence, Finding, ReportTable } from '@gongkai/core';
import { finding, type RuleContext } from '../validate.context.ts';

const BLANK = /^[\s/／\-－—–]*$/;
const TABLE_NAME: Record<string, string> = { t2: '表二', t3: '表三', t4: '表四' };
const MAX_EVIDENCE = 12;

/** Text markers of each uniform table, to tell "absent from the report" from "present but not read". */
export const TABLE_MARKERS: Record<'t2' | 't3' | 't4', RegExp> = {
  t2: /第二十条第[（(]一[)）]项/,
  t3: /本年新收政府信息公开申请数量/,
  t4: /未经复议直接起诉|复议后起诉/,
};

function blankCells(t: ReportTable): ReportTable['cells'] {
  return t.cells.filter((c) => c.value === null && BLANK.test(c.raw) && c.derived !== true);
}

function unreadCells(t: ReportTable): ReportTable['cells'] {
  return t.cells.filter((c) => c.ambiguous === true || (c.value === null && !BLANK.test(c.raw)));
}

export function checkTableState(ctx: RuleContext): Finding[] {
  if (ctx.regime === 'A') return [];
  const out: Finding[] = [];
  const tables = ctx.input.segment.tables.filter((t) => t.kind === 't3' || t.kind === 't4');
  for (const t of tables) {
    const name = TABLE_NAME[t.kind] ?? t.kind;
    const blanks = blankCells(t);
    if (blanks.length > 0) {
      const where = blanks.map((c) => `${c.row}/${c.col}`);
      out.push(finding('EMPTY_OR_SLASH', `${name} has ${blanks.length} blank or "/" cell(s) where the template expects a number: ${where.slice(0, 6).join(', ')}${where.length > 6 ? ', …' : ''}.`,
        blanks.slice(0, MAX_EVIDENCE).map((c) => ctx.ev(c.start, c.end)), { table: t.kind, cells: blanks.length }));
    }
    const unread = unreadCells(t);
    if (unread.length > 0 || t.unparsed.length > 0) {
      const evidence: Evidence[] = [
        ...unread.slice(0, MAX_EVIDENCE).map((c) => ctx.ev(c.start, c.end)),
        ...t.unparsed.slice(0, MAX_EVIDENCE).map((u) => ctx.ev(u.start, u.end)),
      ];
      out.push(finding('TABLE_UNREAD', `${name}: ${unread.length} cell(s) ambiguous or unreadable and ${t.unparsed.length} row(s) not mapped; the identities touching them were not checked.`,
        evidence, { table: t.kind, cells: unread.length, rows: t.unparsed.length }));
    }
  }
  for (const kind of ['t3', 't4'] as const) {
    const placed = tables.some((t) => t.kind === kind) || [...ctx.cells.keys()].some((k) => k.startsWith(`${kind}.`));
    const m = TABLE_MARKERS[kind].exec(ctx.text);
    if (placed || !m) continue;
    out.push(finding('TABLE_UNREAD', `${TABLE_NAME[kind]} is in the text but no cell of it could be read; its identities were not checked.`,
      [ctx.ev(m.index, m.index + m[0].length)], { table: kind, cells: 0 }));
  }
  return out;
}
