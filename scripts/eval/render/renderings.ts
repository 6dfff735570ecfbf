/**
 * The renderings of a gold file's cells made at eval/test time (never
 * committed): the same report as a Word-exported web page, a DOCX with
 * merged cells, a damaged Markdown conversion and a ruled PDF.
 */
import type { GoldFile } from '@gongkai/testkit';
import { renderDocxReport } from './docx.render.ts';
import { renderHtml } from './html.render.ts';
import { renderMarkdown } from './markdown.render.ts';
import { renderPdfReport } from './pdf.render.ts';
import { reportModel } from './report.model.ts';
import type { ReportModel } from './grid.types.ts';

export const RENDERINGS = ['html', 'docx', 'markdown', 'pdf'] as const;
export type RenderingName = (typeof RENDERINGS)[number];

const RENDER: Record<RenderingName, { ext: string; render: (m: ReportModel) => Uint8Array }> = {
  html: { ext: 'html', render: renderHtml },
  docx: { ext: 'docx', render: renderDocxReport },
  markdown: { ext: 'md', render: renderMarkdown },
  pdf: { ext: 'pdf', render: renderPdfReport },
};

/** The bytes and a file name for one rendering of the gold's report. */
export function renderGold(gold: GoldFile, name: RenderingName, base: string): { bytes: Uint8Array; name: string } {
  const r = RENDER[name];
  return { bytes: r.render(reportModel(gold)), name: `${base}.${r.ext}` };
}
