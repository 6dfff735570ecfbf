/** The gold-file format of ../shared/gold/README.md (and of the project's own gold under test/gold). */
export interface GoldMetric {
  key: string;
  value: number;
  unit: string;
  quote: string;
  approx?: boolean;
  accept?: number[];
  optional?: boolean;
}

export interface GoldFile {
  /** Path under ../shared (e.g. "seeds/000_….txt" or "corpus/real/…"). */
  file: string;
  regime: 'A' | 'B' | 'C';
  meta: {
    year?: number | null;
    agency?: string[];
    title?: string | null;
    publishedAt?: string | null;
    period?: [string, string] | null;
    addressee?: string | null;
    script?: string;
    contact?: Record<string, string>;
    notes?: string;
  };
  sections: Array<{ number: string; title: string }>;
  metrics: GoldMetric[];
  absent: string[];
  breakdowns: Array<{ total: number; parts: number[]; quote: string }>;
  findings: Array<{ rule: string; severity: 'error' | 'warning' | 'info' | 'none'; about: string }>;
  /** Project gold only: table cells to check (segment issue), key → value. */
  cells?: Record<string, number | null>;
}
