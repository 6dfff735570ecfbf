/** Output contract of the extract stage (owned by packages/extract). */
import type { Evidence } from './evidence.types.ts';

/**
 * How a value was settled when its source alone did not settle it: a table row
 * whose digits ran together (行政规范性文件8855698) is split the one way the
 * report's own narrative, or the table's own rows, allow.
 */
export interface Resolution {
  /**
   * narrative: the report's prose states one or more of the row's cells, and exactly one split agrees;
   * table: the only split that keeps this year ≤ cumulative and a 其中 row ≤ its parent row;
   * equal_columns: the one split whose two columns are equal (2121 = 21 | 21).
   */
  method: 'narrative' | 'table' | 'equal_columns';
  /** The digit run as printed. */
  raw: string;
  /** The values the split gives, in column order. */
  split: number[];
  /** A sentence a reader can follow. */
  note: string;
  /** The statements that settled it (method 'narrative'). */
  corroboration?: Evidence[];
}

export interface Metric {
  /** A key of the metric catalogue (catalogue.ts), e.g. "requests.received.total". */
  key: string;
  value: number;
  /** As the report states it (条, 件, 人, 人次, 万元…). */
  unit: string;
  /** 余/约/多/近: the value is approximate (a lower bound for 余/多). */
  approx: boolean;
  evidence: Evidence;
  /** How the value was obtained: read from prose, a table cell, a zero statement, or derived from other metrics. */
  source: 'text' | 'table' | 'zero' | 'derived';
  /** Present when the value needed more than its own cell to be read (a run-together row split with help). */
  resolution?: Resolution;
}

/** One statement of a metric. A metric stated twice has two mentions; validation compares them. */
export interface Mention {
  key: string;
  value: number;
  approx: boolean;
  evidence: Evidence;
  /** Where the statement is: prose ('text'), a table cell ('table'), a zero statement ('zero'), or a core key read off one table cell ('derived'). */
  source?: Metric['source'];
  /** As on Metric: how a run-together table row was split. */
  resolution?: Resolution;
}

/** A total with its parts, as the text states it (其中 lists), metric or not. */
export interface Breakdown {
  total: { value: number; evidence: Evidence; key?: string };
  parts: Array<{ value: number; label: string; evidence: Evidence; key?: string }>;
  /** True when the parts claim to be all of the total (e.g. 其中A…B…, or a catalogue sum); false when only some are listed. */
  complete: boolean;
  quote: string;
  start: number;
  end: number;
}

export interface ExtractResult {
  /** One per key: the best-supported statement. */
  metrics: Metric[];
  /** Every statement, including repeats of the same key. */
  mentions: Mention[];
  breakdowns: Breakdown[];
}
