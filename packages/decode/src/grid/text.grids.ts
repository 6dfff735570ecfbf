/** The tables of a plain-text file: Markdown pipe tables and column-aligned blocks, in reading order. */
import type { SourceGrid } from './grid.layout.ts';
import { alignedGrids } from './aligned.grid.ts';
import { markdownGrids } from './markdown.grid.ts';

export function findTextGrids(text: string, refused: string[] = []): SourceGrid[] {
  const grids = [...markdownGrids(text, refused), ...alignedGrids(text, refused)];
  const first = (g: SourceGrid) => g.cells[0]?.from ?? 0;
  return grids.sort((a, b) => first(a) - first(b));
}
