/**
 * When a run enters "needs attention", people hear about it once: a console event (the desktop shell turns it
 * into a native notification) and, when the workflow names an alert channel, one Slack message. The
 * notification is a row written in the same transaction as the run's change, and delivered after it commits;
 * the Slack message carries its own idempotency key and is found again rather than re-sent if an answer is lost.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RunSummary } from '../../preload/api';
import type { ConnectorRegistry } from '../connectors/connector';
import { callOrigin } from '../connectors/recording';
import type { RunState } from '../engine/run-state';
import type { RunStore } from '../engine/run-store';
import type { WorkflowStore } from '../engine/workflow-store';
import { stepDefinition } from '../engine/workflow';
import type { Ledger } from '../ledger/ledger';
import type { Logger } from './logger';

/** Slack alerts that keep failing are given up after this many tries, and the ledger says so. */
const MAX_SLACK_ATTEMPTS = 5;

interface NotificationRow {
  id: string;
  runId: string;
  reason: string;
  slackChannel: string | null;
  slackAttempts: number;
}

export interface NotifierDeps {
  sqlite: Database.Database;
  ledger: Ledger;
  runs: RunStore;
  state: RunState;
  workflows: WorkflowStore;
  registry: ConnectorRegistry;
  logger: Logger;
  summary: (runId: string) => RunSummary | undefined;
  /** The console event; the desktop shell shows it as a native notification. */
  emit: (run: RunSummary, reason: string) => void;
  now?: () => number;
}

export class Notifier {
  private readonly now: () => number;
  private flushing: Promise<void> | undefined;
  private again = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Rows written by transactions that may not have committed yet; announced once they have. */
  private readonly fresh: { id: string; runId: string; reason: string }[] = [];

  constructor(private readonly d: NotifierDeps) {
    this.now = d.now ?? Date.now;
    d.state.onTransition((t) => {
      if (t.to === 'needs_attention') this.owe(t.runId);
    });
  }

  /** Inside the transaction that moved the run: the row commits with it or not at all. */
  private owe(runId: string): void {
    const run = this.d.runs.run(runId)!;
    const doc = this.d.workflows.get(run.workflowId, run.workflowVersion);
    const channel = doc.alerts?.slack?.channel ?? null;
    const stuck = this.d.runs.steps(runId).find((s) => s.status === 'needs_attention');
    const name = stuck ? (stepDefinition(doc, stuck.stepId)?.name ?? stuck.stepId) : 'a step';
    const problem = stuck?.error ? (JSON.parse(stuck.error) as { message: string }).message : 'it cannot go on by itself';
    const id = randomUUID();
    const reason = `${name}: ${problem}`;
    this.d.sqlite
      .prepare(`INSERT INTO notifications (id, run_id, kind, reason, created_at, slack_status, slack_channel) VALUES (?, ?, 'needs_attention', ?, ?, ?, ?)`)
      .run(id, runId, reason, this.now(), channel ? 'pending' : 'not_configured', channel);
    this.fresh.push({ id, runId, reason });
    setImmediate(() => void this.flush());
  }

  /** Delivers what is owed: the console event for new rows, and pending Slack alerts. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.deliver().finally(() => {
      this.flushing = undefined;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    return this.flushing ?? Promise.resolve();
  }

  private async deliver(): Promise<void> {
    const exists = this.d.sqlite.prepare('SELECT 1 FROM notifications WHERE id = ?');
    for (const n of this.fresh.splice(0)) {
      if (!exists.get(n.id)) continue; // its transaction rolled back: nothing happened
      const summary = this.d.summary(n.runId);
      if (summary) this.d.emit(summary, n.reason);
    }
    const pending = this.d.sqlite
      .prepare(`SELECT id, run_id AS runId, reason, slack_channel AS slackChannel, slack_attempts AS slackAttempts
        FROM notifications WHERE slack_status = 'pending' ORDER BY created_at LIMIT 50`)
      .all() as NotificationRow[];
    let retryLater = false;
    for (const n of pending) {
      if (this.stopped) return;
      retryLater = !(await this.sendSlack(n)) || retryLater;
    }
    if (retryLater && !this.stopped) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.flush(), 30_000);
      this.retryTimer.unref();
    }
  }

  /** True when the alert is settled (sent, or given up); false to try again later. */
  private async sendSlack(n: NotificationRow): Promise<boolean> {
    const post = this.d.registry.action('slack.postMessage');
    if (!post) return true;
    const run = this.d.runs.run(n.runId);
    const doc = run && this.d.workflows.get(run.workflowId, run.workflowVersion);
    const text = `:warning: ${doc?.name ?? 'A run'} for ${run?.clientKey ?? n.runId} needs attention — ${n.reason}. Open Keel to retry, edit or skip it.`;
    const ctx = {
      runId: n.runId, stepId: 'alert', attemptId: randomUUID(), attemptNumber: n.slackAttempts + 1,
      idempotencyKey: `keel-alert-${n.id}`, priorOutcomeUnknown: n.slackAttempts > 0, signal: AbortSignal.timeout(30_000),
    };
    const input = { channel: n.slackChannel!, text };
    try {
      // The alert's HTTP exchanges are recorded against the run they are about.
      const origin = { runId: n.runId, stepId: ctx.stepId, attemptId: ctx.attemptId, idempotencyKey: ctx.idempotencyKey };
      const found = ctx.priorOutcomeUnknown ? await callOrigin.run(origin, () => post.action.reconcile?.(ctx, input)) : undefined;
      const result = found ?? (await callOrigin.run(origin, () => post.action.run(ctx, input)));
      this.settle(n, 'sent', null, { channel: n.slackChannel, ts: (result as { ts?: string }).ts ?? null, adopted: Boolean(found) });
      return true;
    } catch (error) {
      const failure = post.connector.classify(error);
      const attempts = n.slackAttempts + 1;
      const giveUp = failure.kind === 'permanent' || attempts >= MAX_SLACK_ATTEMPTS;
      if (giveUp) {
        this.settle(n, 'failed', failure.message, { channel: n.slackChannel, attempts });
        this.d.logger.warn(`the Slack alert for run ${n.runId} could not be sent: ${failure.message}`);
        return true;
      }
      this.d.sqlite.prepare('UPDATE notifications SET slack_attempts = ?, slack_error = ? WHERE id = ?').run(attempts, failure.message, n.id);
      return false;
    }
  }

  private settle(n: NotificationRow, status: 'sent' | 'failed', error: string | null, detail: Record<string, unknown>): void {
    const at = this.now();
    this.d.sqlite.transaction(() => {
      this.d.sqlite
        .prepare('UPDATE notifications SET slack_status = ?, slack_error = ?, slack_attempts = slack_attempts + 1, sent_at = ? WHERE id = ?')
        .run(status, error, status === 'sent' ? at : null, n.id);
      this.d.ledger.append({ kind: 'notification.sent', at, runId: n.runId, connector: 'slack', payload: { notificationId: n.id, channel: 'slack', status, error, ...detail } });
    })();
  }
}
