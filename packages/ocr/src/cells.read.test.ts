/**
 * The cell pass's pure parts: the lattice of cells from rules, which cells
 * are read again and as what, the strip layout, and how the strip's words
 * go back to their cells (with confused letters and disagreements flagged).
 */
import { describe, expect, it } from 'vitest';
import { latticeCells } from './cells.lattice.ts';
import { closeOpenEnds } from './rulings.find.ts';
import { GUESS_CONF, asDigits, cellWords, drawStrip, layoutStrip, planCells, replaceCells } from './cells.read.ts';
import type { OcrEngine, OcrWord } from './ocr.types.ts';
import { readCells } from './ocr.document.ts';
import type { GreyImage } from './skew.estimate.ts';

const rule = (at: number, from: number, to: number) => ({ at, from, to, thickness: 3 });
const word = (text: string, x0: number, y0: number, x1: number, y1: number, conf = 0.95, line = 'p'): OcrWord =>
  ({ text, conf, x0, y0, x1, y1, line, lineTop: y0, lineBottom: y1 });

/** A white page with black boxes ("ink") drawn where the cells hold something. */
function page(width: number, height: number, ink: Array<[number, number, number, number]>): GreyImage {
  const data = new Uint8Array(width * height).fill(255);
  for (const [x0, y0, x1, y1] of ink) for (let y = y0; y < y1; y++) data.fill(0, y * width + x0, y * width + x1);
  return { data, width, height };
}

describe('asDigits', () => {
  it('maps confused letters only in a cell that is otherwise a number, and says it guessed', () => {
    expect(asDigits('3l1')).toEqual({ digits: '311', guessed: true });
    expect(asDigits('9D5')).toEqual({ digits: '905', guessed: true });
    expect(asDigits('1 234')).toEqual({ digits: '1234', guessed: false });
    expect(asDigits('12.5')).toEqual({ digits: '12.5', guessed: false });
    // labels and letters alone are not numbers
    expect(asDigits('规章')).toBeNull();
    expect(asDigits('第3项')).toBeNull();
    expect(asDigits('lO')).toBeNull();
  });
});

describe('latticeCells', () => {
  it('gives one cell per grid position and one for a merged cell where a rule is missing', () => {
    // 3 columns × 2 rows; the rule between columns 1 and 2 is missing in row 0
    const cells = latticeCells({
      horizontal: [rule(100, 100, 400), rule(200, 100, 400), rule(300, 100, 400)],
      vertical: [rule(100, 100, 300), rule(200, 100, 300), rule(300, 200, 300), rule(400, 100, 300)],
    }, 300);
    expect(cells).toHaveLength(5);
    const merged = cells.find((c) => c.y0 < 150 && c.x0 > 150);
    expect(merged?.x1).toBeGreaterThan(390);
    for (const c of cells) expect(c.x1 - c.x0).toBeLessThan(300);
  });
});

describe('closeOpenEnds', () => {
  it('closes a table cut by a page break (verticals ending together, no rule there) and leaves closed tables and lone strokes alone', () => {
    // the table's first row has no top rule: its verticals start at y=50, the first rule is at y=100
    const open = { horizontal: [rule(100, 100, 400), rule(200, 100, 400)], vertical: [rule(100, 50, 200), rule(250, 50, 200), rule(400, 50, 200)] };
    const closed = closeOpenEnds(open, 300);
    expect(closed.horizontal).toHaveLength(3);
    expect(closed.horizontal[2]).toMatchObject({ at: 50, from: 100, to: 400 });
    // the row above the first rule is now a row of the lattice
    expect(latticeCells(closed, 300).filter((c) => c.y1 <= 100)).toHaveLength(2);
    expect(closeOpenEnds(closed, 300).horizontal).toHaveLength(3);
    // verticals crossed by no rule are no table
    expect(closeOpenEnds({ horizontal: [], vertical: open.vertical }, 300).horizontal).toHaveLength(0);
  });

  it('closes the cut across merged label columns too: the rules inside the table reach only the value columns', () => {
    // two label columns (x 50..100..150) merged down the page, crossed by no horizontal rule; value columns 150..400 are
    const cut = {
      horizontal: [rule(100, 150, 400), rule(200, 150, 400), rule(300, 100, 400)],
      vertical: [rule(50, 20, 300), rule(100, 20, 300), rule(150, 20, 300), rule(250, 20, 300), rule(400, 20, 300)],
    };
    const closed = closeOpenEnds(cut, 300);
    expect(closed.horizontal.filter((h) => h.at === 20)).toEqual([{ at: 20, from: 50, to: 400, thickness: 2 }]);
    // the row above the first rule is a lattice row: its label cell and its two value cells
    expect(latticeCells(closed, 300).filter((c) => c.y1 <= 100 && c.x0 >= 150)).toHaveLength(2);
    // the bottom has its rule over the value columns: nothing added there
    expect(closed.horizontal.filter((h) => h.at > 300)).toHaveLength(0);
  });
});

describe('the cell pass', () => {
  // a number cell, a label cell, a tall narrow label cell, an empty cell
  const rules = {
    horizontal: [rule(100, 100, 700), rule(500, 100, 700)],
    vertical: [rule(100, 100, 500), rule(300, 100, 500), rule(500, 100, 500), rule(600, 100, 500), rule(700, 100, 500)],
  };
  const img = page(800, 600, [[150, 280, 250, 320], [350, 280, 450, 320], [530, 150, 570, 450]]);
  const words = [word('3l1', 150, 280, 250, 320, 0.9), word('规章', 350, 280, 450, 320), word('盟', 530, 150, 570, 200, 0.3), word('迹', 530, 300, 570, 350, 0.3)];

  it('reads number cells as digits and tall narrow inked cells as vertical text; labels and empty cells keep the page reading', () => {
    const jobs = planCells(img, latticeCells(rules, 300), words);
    expect(jobs.map((j) => j.kind).sort()).toEqual(['digits', 'vertical']);
    expect(jobs.find((j) => j.kind === 'digits')?.page).toEqual({ digits: '311', guessed: true });
  });

  it('reads again on its own a cell whose ink the page missed, read poorly, or read as a block spilling over its rules', () => {
    const missed = planCells(img, latticeCells(rules, 300), words.filter((w) => w.text !== '规章'));
    expect(missed.find((j) => j.cell.x0 > 300 && j.cell.x0 < 310)?.kind).toBe('line');
    const poor = planCells(img, latticeCells(rules, 300), words.map((w) => (w.text === '规章' ? { ...w, conf: 0.4 } : w)));
    expect(poor.find((j) => j.cell.x0 > 300 && j.cell.x0 < 310)?.kind).toBe('line');
    const spilling = planCells(img, latticeCells(rules, 300), words.map((w) => (w.text === '规章' ? { ...w, x1: 560 } : w)));
    expect(spilling.find((j) => j.cell.x0 > 300 && j.cell.x0 < 310)?.kind).toBe('line');
  });

  it('stacks crops into a strip with gaps and copies their pixels', () => {
    const jobs = planCells(img, latticeCells(rules, 300), words);
    const strip = layoutStrip(jobs, 'digits', 4, 20, img);
    expect(strip.slots).toHaveLength(1);
    expect(strip.height).toBe(20 + 48 + 20);
    const drawn = drawStrip(img, strip);
    // the crop's ink starts `pad` inside it
    expect(drawn.data[(20 + 4) * drawn.width + 20 + 4]).toBe(0);
    expect(drawn.data[5 * drawn.width + 5]).toBe(255);
    const vertical = layoutStrip(jobs, 'vertical', 4, 20, img);
    expect(vertical.width).toBe(20 + 48 + 20);
  });

  it('puts the digits reading back in its cell; a reading the page disagreed with (a guessed letter) is flagged', () => {
    const jobs = planCells(img, latticeCells(rules, 300), words);
    const strip = layoutStrip(jobs, 'digits', 4, 20, img);
    const back = cellWords(strip, [word('311', 24, 24, 124, 64, 0.97)], 1);
    expect(back).toHaveLength(1);
    const w = back[0]?.word;
    expect(w?.text).toBe('311');
    expect(w?.conf).toBe(GUESS_CONF);
    // the box is the page's, inside the cell
    expect(w?.x0).toBe(150);
    expect(w?.y0).toBe(280);
    const all = replaceCells(words, back);
    expect(all.map((x) => x.text)).toContain('311');
    expect(all.map((x) => x.text)).not.toContain('3l1');
    expect(all.map((x) => x.text)).toContain('规章');
  });

  it('trusts a digits reading the page agreed with, and falls back on the page reading (flagged if guessed) when it finds nothing', () => {
    const clean = [word('95', 150, 280, 250, 320, 0.6)];
    const jobs = planCells(img, latticeCells(rules, 300), clean);
    const strip = layoutStrip(jobs, 'digits', 4, 20, img);
    expect(cellWords(strip, [word('95', 24, 24, 124, 64, 0.93)], 1)[0]?.word?.conf).toBe(0.93);
    const guessed = layoutStrip(planCells(img, latticeCells(rules, 300), words), 'digits', 4, 20, img);
    const none = cellWords(guessed, [], 1)[0]?.word;
    expect(none?.text).toBe('311');
    expect(none?.conf).toBeLessThan(0.8);
  });

  it('reads a vertical cell top to bottom, with a character-sized line height', () => {
    const jobs = planCells(img, latticeCells(rules, 300), words);
    const strip = layoutStrip(jobs, 'vertical', 4, 20, img);
    const back = cellWords(strip, [word('结', 24, 200, 64, 250, 0.9), word('办', 24, 24, 64, 70, 0.95)], 1);
    const w = back[0]?.word;
    expect(w?.text).toBe('办结');
    expect((w?.lineBottom ?? 0) - (w?.lineTop ?? 0)).toBeLessThanOrEqual(50);
    expect(w?.x0).toBeGreaterThanOrEqual(500);
  });

  it('sends a cell the line reading left empty on to the digits reading (a lone "1" is often lost in a line), flagged', async () => {
    // the page reading missed the number cell's ink; the line strip reads nothing there, the digits strip reads "1"
    const missed = words.filter((w) => w.text !== '3l1');
    const asked: string[] = [];
    const engine: OcrEngine = {
      name: 'scripted', version: async () => 'test', recognize: async () => [],
      readStrip: async (strip, kind) => {
        asked.push(kind);
        // one slot per strip here: the word sits inside it
        return kind === 'digits' ? [word('1', 32, 32, 60, 70, 0.96)] : [];
      },
    };
    const read = { words: missed, dpi: 300, prepared: { clean: img, straight: img, rulings: rules, skew: 0, rotation: 0 } };
    const out = await readCells(engine, read, 1, Date.now() + 60_000);
    expect(asked).toEqual(['line', 'digits', 'vertical']);
    const one = out.words.find((w) => w.text === '1');
    expect(one).toBeDefined();
    expect(one!.x0).toBeGreaterThanOrEqual(100);
    expect(one!.x1).toBeLessThanOrEqual(300);
    // found by the cell reading alone: kept, below the uncertainty bar
    expect(one!.conf).toBe(GUESS_CONF);
  });

  it('reads as digits a cell of a row of numbers that the page read as a character ("工" for 1), but not the row\'s label', async () => {
    // one row: a label cell, then four number cells, the third read as 工
    const row = {
      horizontal: [rule(100, 100, 700), rule(200, 100, 700)],
      vertical: [rule(100, 100, 200), rule(300, 100, 200), rule(400, 100, 200), rule(500, 100, 200), rule(600, 100, 200), rule(700, 100, 200)],
    };
    const inked = page(800, 300, [[150, 130, 250, 170], [340, 130, 360, 170], [440, 130, 460, 170], [540, 130, 560, 170], [640, 130, 660, 170]]);
    const read = [word('规章', 150, 130, 250, 170), word('0', 340, 130, 360, 170), word('0', 440, 130, 460, 170), word('工', 540, 130, 560, 170, 0.85), word('1', 640, 130, 660, 170)];
    const jobs = planCells(inked, latticeCells(row, 300), read);
    const short = jobs.find((j) => j.cell.x0 > 500 && j.cell.x0 < 510);
    expect(short).toMatchObject({ kind: 'digits', page: null });
    // read poorly too (a line job before): still the digits reading
    const poorly = planCells(inked, latticeCells(row, 300), read.map((w) => (w.text === '工' ? { ...w, conf: 0.4 } : w)));
    expect(poorly.find((j) => j.cell.x0 > 500 && j.cell.x0 < 510)).toMatchObject({ kind: 'digits', page: null });
    expect(jobs.find((j) => j.cell.x0 < 110)).toBeUndefined();
    // the digits reading decides, flagged (the page did not read a number there)
    const strip = layoutStrip(jobs, 'digits', 4, 20, inked);
    const slot = strip.slots.findIndex((x) => x.job === short);
    const at = strip.slots[slot]!;
    const back = cellWords(strip, [word('1', at.dx + 2, at.dy + 2, at.dx + 20, at.dy + 40, 0.95)], 1).find((b) => b.cell === short!.cell);
    expect(back?.word).toMatchObject({ text: '1', conf: GUESS_CONF });
    // the page missed the cell and its line reading gave a character: in a row of numbers the digits reading still decides
    const asked: string[] = [];
    const engine: OcrEngine = {
      name: 'scripted', version: async () => 'test', recognize: async () => [],
      readStrip: async (s, kind) => {
        asked.push(kind);
        if (kind === 'line') return [word('工', 32, 32, 60, 70, 0.9)];
        // the digits strip: the row's four number cells in order, 52-pixel crops 30 apart (pad 6, gap 30 at 300 dpi)
        return kind === 'digits' ? ['0', '0', '1', '1'].map((t, i) => word(t, 32, 32 + i * 82, 50, 80 + i * 82, 0.95)).filter((w) => w.y1 < s.height) : [];
      },
    };
    const missed = read.filter((w) => w.text !== '工');
    const lineFirst = planCells(inked, latticeCells(row, 300), missed).find((j) => j.cell.x0 > 500 && j.cell.x0 < 510);
    expect(lineFirst?.kind).toBe('line');
    const out = await readCells(engine, { words: missed, dpi: 300, prepared: { clean: inked, straight: inked, rulings: row, skew: 0, rotation: 0 } }, 1, Date.now() + 60_000);
    expect(asked).toEqual(['line', 'digits']);
    expect(out.words.filter((w) => w.x0 >= 500 && w.x1 <= 600).map((w) => [w.text, w.conf])).toEqual([['1', GUESS_CONF]]);
    // the page reading missed the whole row: the line reading gives its numbers and "工"; once the numbers are known, 工 goes to digits
    const slots = (texts: string[]) => texts.map((t, i) => word(t, 32, 32 + i * 82, 50, 80 + i * 82, 0.95));
    const rowEngine: OcrEngine = {
      name: 'scripted', version: async () => 'test', recognize: async () => [],
      readStrip: async (s, kind) => (kind === 'line' ? slots(['0', '工', '0', '1']) : kind === 'digits' ? slots(['0', '1', '0', '1']) : []).filter((w) => w.y1 < s.height),
    };
    const labelOnly = read.filter((w) => w.text === '规章');
    const whole = await readCells(rowEngine, { words: labelOnly, dpi: 300, prepared: { clean: inked, straight: inked, rulings: row, skew: 0, rotation: 0 } }, 1, Date.now() + 60_000);
    expect(whole.words.filter((w) => w.x0 >= 300).sort((a, b) => a.x0 - b.x0).map((w) => w.text)).toEqual(['0', '1', '0', '1']);
    // a row with fewer than three numbers is no row of numbers: its short cells keep the page reading
    expect(planCells(inked, latticeCells(row, 300), read.filter((w) => w.text !== '0')).find((j) => j.cell.x0 > 500 && j.cell.x0 < 510)).toBeUndefined();
  });
});
