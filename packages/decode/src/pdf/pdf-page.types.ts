/** Geometry of one PDF page in viewport space: points, y growing downwards. */

/** A run of text as pdfjs reports it, placed on the page. */
export interface TextBox {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size (height of the em box). */
  size: number;
}

/** A horizontal (y fixed) or vertical (x fixed) ruling line of a table. */
export interface Segment {
  /** y of a horizontal line, x of a vertical one. */
  at: number;
  from: number;
  to: number;
}

export interface PageGeometry {
  width: number;
  height: number;
  boxes: TextBox[];
  horizontal: Segment[];
  vertical: Segment[];
}

/** A line of output placed at a vertical position, for reading order. */
export interface PlacedLine {
  top: number;
  bottom: number;
  /** Left edge of the first text, right edge of the last. */
  left: number;
  right: number;
  size: number;
  text: string;
  /** A table row: cells joined by "\t". */
  row: boolean;
}

export const centerY = (b: TextBox): number => b.y - b.size * 0.35;
export const centerX = (b: TextBox): number => b.x + b.width / 2;
