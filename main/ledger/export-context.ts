/**
 * What every export format states about itself: when, which filters, which entries, and the ledger's head.
 * Each format then reads what it shows (a summary, a verification) in the same read transaction.
 */
import type { ExportFilters, ScopeStats } from './export-scope';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'pdf'];

export interface ExportContext {
  generatedAt: number;
  filters: ExportFilters;
  /** The exported entries: how many, and their first and last seq and time. */
  stats: ScopeStats;
  /** The whole ledger's last entry when the export read it (its snapshot). */
  head: { seq: number; hash: string } | null;
}

/** `2026-11-01 09:30:00 UTC` (milliseconds shown only when there are any). */
export function utcText(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, ' UTC');
}

/** The filters as a sentence fragment for people: "from 2026-11-01 00:00:00 UTC, client C-1". */
export function describeFilters(filters: ExportFilters): string {
  const parts: string[] = [];
  if (filters.from !== undefined) parts.push(`from ${utcText(filters.from)}`);
  if (filters.to !== undefined) parts.push(`to ${utcText(filters.to)}`);
  if (filters.workflowId !== undefined) parts.push(`workflow ${filters.workflowId}`);
  if (filters.clientKey !== undefined) parts.push(`client ${filters.clientKey}`);
  if (filters.connector !== undefined) parts.push(`connector ${filters.connector}`);
  return parts.length ? parts.join(', ') : 'none (the whole ledger)';
}

export function describeRange(stats: ScopeStats): string {
  if (!stats.count) return 'no entries';
  return `${stats.count} ${stats.count === 1 ? 'entry' : 'entries'}, #${stats.firstSeq} to #${stats.lastSeq}, ${utcText(stats.firstAt!)} to ${utcText(stats.lastAt!)}`;
}
