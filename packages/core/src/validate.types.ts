/** Output contract of the validate stage (owned by packages/validate). */
import type { Evidence } from './evidence.types.ts';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** Rule id, e.g. "A_CHILD_SUM", "T3_BALANCE" (DOMAIN.md 4.4 plus the project's own). */
  rule: string;
  severity: Severity;
  /** One sentence a reader understands, with the numbers. */
  message: string;
  evidence: Evidence[];
  /** The numbers involved, for machines. */
  data?: Record<string, number | string | null>;
}

/** valid: no findings above info; warnings: at least one warning; invalid: any error. */
export const VALIDATION_STATUSES = ['valid', 'warnings', 'invalid'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

export interface ValidateResult {
  findings: Finding[];
  status: ValidationStatus;
}

export function statusOf(findings: readonly Finding[]): ValidationStatus {
  if (findings.some((f) => f.severity === 'error')) return 'invalid';
  if (findings.some((f) => f.severity === 'warning')) return 'warnings';
  return 'valid';
}
