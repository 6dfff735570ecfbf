/** Human-readable output of the evaluation: one line per file, totals, then the details that explain each miss. */
import type { FileScore } from './score.ts';

export interface CaseResult {
  name: string;
  origin: 'shared' | 'project';
  ms: number;
  error: string | null;
  score: FileScore;
}

export interface Totals {
  files: number;
  required: number;
  found: number;
  missing: number;
  wrong: number;
  badEvidence: number;
  falsePositives: number;
  absentFilled: number;
  breakdownsTotal: number;
  breakdownsFound: number;
  metaTotal: number;
  metaRight: number;
  sectionsTotal: number;
  sectionsRight: number;
  findingsExpected: number;
  findingsReported: number;
  noneTotal: number;
  noneRespected: number;
  precision: number;
  recall: number;
  breakdownRecall: number;
}

export function totalsOf(results: readonly CaseResult[]): Totals {
  const t: Totals = {
    files: results.length, required: 0, found: 0, missing: 0, wrong: 0, badEvidence: 0, falsePositives: 0, absentFilled: 0,
    breakdownsTotal: 0, breakdownsFound: 0, metaTotal: 0, metaRight: 0, sectionsTotal: 0, sectionsRight: 0,
    findingsExpected: 0, findingsReported: 0, noneTotal: 0, noneRespected: 0, precision: 1, recall: 1, breakdownRecall: 1,
  };
  let tp = 0;
  for (const { score: s } of results) {
    t.required += s.required;
    t.found += s.found;
    tp += s.found + s.optionalFound;
    t.missing += s.missing.length;
    t.wrong += s.wrong.length;
    t.badEvidence += s.badEvidence.length;
    t.falsePositives += s.falsePositives.length;
    t.absentFilled += s.absentFilled.length;
    t.breakdownsTotal += s.breakdowns.total;
    t.breakdownsFound += s.breakdowns.found;
    t.metaTotal += s.meta.total;
    t.metaRight += s.meta.right;
    t.sectionsTotal += s.sections.total;
    t.sectionsRight += s.sections.right;
    t.findingsExpected += s.findings?.expected ?? 0;
    t.findingsReported += s.findings?.reported ?? 0;
    t.noneTotal += s.findings?.noneTotal ?? 0;
    t.noneRespected += s.findings?.noneRespected ?? 0;
  }
  const claimed = tp + t.wrong + t.badEvidence + t.falsePositives;
  t.precision = claimed === 0 ? 1 : tp / claimed;
  t.recall = t.required === 0 ? 1 : t.found / t.required;
  t.breakdownRecall = t.breakdownsTotal === 0 ? 1 : t.breakdownsFound / t.breakdownsTotal;
  return t;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function row(cells: Array<string | number>, widths: number[]): string {
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 6)).join(' ');
}

const HEAD = ['file', 'found', 'miss', 'wrong', 'evid', 'FP', 'absent', 'breakdn', 'meta', 'sections', 'findings', 'none-ok', 'P', 'R', 'ms'];
const WIDTHS = [22, 9, 5, 6, 5, 4, 7, 8, 7, 9, 9, 8, 7, 7, 6];

function line(name: string, s: FileScore | Totals, ms: number | string, findings: string, none: string): string {
  const isTotals = 'files' in s;
  const found = isTotals ? `${s.found}/${s.required}` : `${s.found}/${s.required}`;
  const miss = isTotals ? s.missing : s.missing.length;
  const wrong = isTotals ? s.wrong : s.wrong.length;
  const evid = isTotals ? s.badEvidence : s.badEvidence.length;
  const fp = isTotals ? s.falsePositives : s.falsePositives.length;
  const absent = isTotals ? s.absentFilled : s.absentFilled.length;
  const bd = isTotals ? `${s.breakdownsFound}/${s.breakdownsTotal}` : `${s.breakdowns.found}/${s.breakdowns.total}`;
  const meta = isTotals ? `${s.metaRight}/${s.metaTotal}` : `${s.meta.right}/${s.meta.total}`;
  const sec = isTotals ? `${s.sectionsRight}/${s.sectionsTotal}` : `${s.sections.right}/${s.sections.total}`;
  return row([name, found, miss, wrong, evid, fp, absent, bd, meta, sec, findings, none, pct(s.precision), pct(s.recall), ms], WIDTHS);
}

export function printReport(results: readonly CaseResult[], groups: Record<string, Totals>, detail: boolean): string {
  const out: string[] = [row(HEAD, WIDTHS), row(WIDTHS.map((w) => '-'.repeat(w)), WIDTHS)];
  for (const r of results) {
    const f = r.score.findings;
    out.push(line(r.name, r.score, Math.round(r.ms), f ? `${f.reported}/${f.expected}` : '-', f ? `${f.noneRespected}/${f.noneTotal}` : '-'));
  }
  out.push(row(WIDTHS.map((w) => '-'.repeat(w)), WIDTHS));
  for (const [name, t] of Object.entries(groups)) {
    out.push(line(name, t, '', `${t.findingsReported}/${t.findingsExpected}`, `${t.noneRespected}/${t.noneTotal}`));
  }
  if (detail) {
    out.push('');
    for (const r of results) {
      const s = r.score;
      const notes: string[] = [];
      if (r.error) notes.push(`error: ${r.error}`);
      if (s.missing.length) notes.push(`missing: ${s.missing.map((m) => `${m.key}=${m.want}`).join(', ')}`);
      if (s.wrong.length) notes.push(`wrong: ${s.wrong.map((m) => `${m.key}=${m.got} (want ${m.want})`).join(', ')}`);
      if (s.badEvidence.length) notes.push(`evidence: ${s.badEvidence.map((m) => m.key).join(', ')}`);
      if (s.falsePositives.length) notes.push(`false positives: ${s.falsePositives.map((m) => `${m.key}=${m.got}`).join(', ')}`);
      if (s.absentFilled.length) notes.push(`absent filled: ${s.absentFilled.map((m) => m.key).join(', ')}`);
      if (s.approxMismatch.length) notes.push(`approx flag missing: ${s.approxMismatch.join(', ')}`);
      if (s.breakdowns.missing.length) notes.push(`breakdowns missing: ${s.breakdowns.missing.map((b) => `${b.total}=${b.parts.join('+')}`).join('; ')}`);
      if (s.meta.wrong.length) notes.push(`meta wrong: ${s.meta.wrong.join(', ')}`);
      if (s.findings?.missing.length) notes.push(`findings not reported: ${s.findings.missing.join(', ')}`);
      if (s.findings?.unwanted.length) notes.push(`findings that should not be: ${s.findings.unwanted.join(', ')}`);
      if (notes.length) out.push(`${r.name}\n  ${notes.join('\n  ')}`);
    }
  }
  return out.join('\n');
}
