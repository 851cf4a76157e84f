/**
 * One axe-core pass over what the page shows now, against WCAG 2.0 and 2.1 A and AA, keeping only the
 * violations a user is blocked or badly hindered by (impact serious or critical), each as one readable line.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

export interface AuditFinding {
  /** Which view (and theme) was being audited, as the spec names it. */
  where: string;
  rule: string;
  impact: string;
  target: string;
  help: string;
  /** axe's own summary of what is wrong with this node (e.g. the contrast ratio it measured). */
  summary: string;
}

export async function auditPage(page: Page, where: string): Promise<AuditFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map((node) => ({
        where,
        rule: v.id,
        impact: v.impact!,
        target: node.target.join(' '),
        help: v.help,
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
}

export function describeFindings(findings: readonly AuditFinding[]): string {
  return findings.map((f) => `[${f.where}] ${f.rule} (${f.impact}) at ${f.target}: ${f.help}. ${f.summary}`).join('\n');
}
