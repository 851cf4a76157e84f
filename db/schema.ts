/**
 * Keel's store. Times are Unix epoch milliseconds; JSON columns hold text so the bytes that were received are
 * the bytes that are kept. Migrations are generated from this file by drizzle-kit (`npm run db:generate`)
 * and committed; never edit a shipped migration, add a new one.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const workflows = sqliteTable('workflows', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  currentVersion: integer('current_version').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Each save of a workflow is a new immutable version; runs are pinned to one. */
export const workflowVersions = sqliteTable(
  'workflow_versions',
  {
    workflowId: text('workflow_id')
      .notNull()
      .references(() => workflows.id),
    version: integer('version').notNull(),
    document: text('document', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.version] })],
);

export const endpoints = sqliteTable('endpoints', {
  slug: text('slug').primaryKey(),
  workflowId: text('workflow_id')
    .notNull()
    .references(() => workflows.id),
  /** Verifier name and its non-secret settings, e.g. `{ "provider": "standard-webhooks" }`. */
  verifier: text('verifier', { mode: 'json' }).notNull(),
  /** Names of vault entries holding the signing secret(s); several during a rotation. Never the secret. */
  secretRefs: text('secret_refs', { mode: 'json' }).notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
});

export const deliveries = sqliteTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    endpointSlug: text('endpoint_slug').notNull(),
    receivedAt: integer('received_at').notNull(),
    status: text('status', { enum: ['accepted', 'duplicate', 'rejected'] }).notNull(),
    reason: text('reason'),
    /** The provider's own id for the delivery (Stripe event id, `webhook-id`, ...): the dedup key. */
    providerDeliveryId: text('provider_delivery_id'),
    headers: text('headers', { mode: 'json' }).notNull(),
    body: blob('body', { mode: 'buffer' }).notNull(),
    bodySha256: text('body_sha256').notNull(),
    runId: text('run_id'),
  },
  (t) => [
    uniqueIndex('deliveries_dedup')
      .on(t.endpointSlug, t.providerDeliveryId)
      .where(sql`status = 'accepted' and provider_delivery_id is not null`),
    index('deliveries_received').on(t.endpointSlug, t.receivedAt),
  ],
);

export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    deliveryId: text('delivery_id'),
    clientKey: text('client_key'),
    trigger: text('trigger', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['running', 'completed', 'needs_attention', 'cancelled'] }).notNull(),
    /** The run this one replays (same trigger), when an operator replayed it. */
    replayOf: text('replay_of'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    index('runs_status').on(t.status, t.createdAt),
    // Covers the runs list's order and its text and client filters, so a search never reads the runs' triggers.
    index('runs_list').on(t.createdAt, t.id, t.clientKey, t.workflowId),
    index('runs_client').on(t.clientKey),
  ],
);

export const steps = sqliteTable(
  'steps',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    stepId: text('step_id').notNull(),
    status: text('status', {
      enum: ['pending', 'queued', 'running', 'succeeded', 'skipped', 'needs_attention', 'cancelled'],
    }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** The timer: a queued step is due at this time. A row, so it survives restarts. */
    nextAttemptAt: integer('next_attempt_at'),
    /** Bumped only when an operator changes the input, so a re-send of the same input reuses its key. */
    generation: integer('generation').notNull().default(0),
    /** Attempts made before an operator's retry: the retry policy counts only those after it. */
    budgetFromAttempt: integer('budget_from_attempt').notNull().default(0),
    /** When the current retry budget began (an operator's retry restarts the deadline). */
    budgetStartedAt: integer('budget_started_at'),
    input: text('input', { mode: 'json' }),
    output: text('output', { mode: 'json' }),
    error: text('error', { mode: 'json' }),
    note: text('note'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.stepId] }),
    index('steps_due').on(t.status, t.nextAttemptAt),
  ],
);

export const stepAttempts = sqliteTable(
  'step_attempts',
  {
    id: text('id').primaryKey(),
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    number: integer('number').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['in_flight', 'succeeded', 'failed', 'interrupted'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    error: text('error', { mode: 'json' }),
  },
  (t) => [index('attempts_step').on(t.runId, t.stepId, t.number), index('attempts_status').on(t.status)],
);

/**
 * The ledger: insert-only (triggers in a custom migration refuse UPDATE and DELETE) and hash-chained:
 * `hash` is SHA-256 over the RFC 8785 canonical form of the entry including `prevHash`.
 */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    runId: text('run_id'),
    stepId: text('step_id'),
    attemptId: text('attempt_id'),
    clientKey: text('client_key'),
    connector: text('connector'),
    endpointSlug: text('endpoint_slug'),
    payload: text('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('ledger_run').on(t.runId, t.seq),
    index('ledger_client').on(t.clientKey, t.seq),
    index('ledger_kind').on(t.kind, t.at),
    index('ledger_at').on(t.at),
  ],
);

/** One circuit breaker per connector. Persisted, so a restart does not forget an outage. */
export const breakers = sqliteTable('breakers', {
  connector: text('connector').primaryKey(),
  state: text('state', { enum: ['closed', 'open', 'half_open'] }).notNull(),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  openedAt: integer('opened_at'),
  /** While open: when a single probe may go through. */
  probeAt: integer('probe_at'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Notifications owed to people: written in the same transaction as the change that calls for them (a run
 * entering needs attention), delivered afterwards, so none is lost and none is sent twice.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    runId: text('run_id').notNull(),
    kind: text('kind', { enum: ['needs_attention'] }).notNull(),
    reason: text('reason').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Slack alert: `pending` until sent; `not_configured` when the workflow names no alert channel. */
    slackStatus: text('slack_status', { enum: ['pending', 'sent', 'failed', 'not_configured'] }).notNull(),
    slackChannel: text('slack_channel'),
    slackAttempts: integer('slack_attempts').notNull().default(0),
    slackError: text('slack_error'),
    sentAt: integer('sent_at'),
  },
  (t) => [index('notifications_pending').on(t.slackStatus, t.createdAt), index('notifications_run').on(t.runId)],
);

/**
 * What Keel knows about each credential without holding it: its vault name, when it was set, its last four
 * characters (so a person can tell keys apart), and the last connection check. Never the value.
 */
export const credentials = sqliteTable('credentials', {
  name: text('name').primaryKey(),
  connector: text('connector').notNull(),
  setAt: integer('set_at'),
  lastFour: text('last_four'),
  lastCheckedAt: integer('last_checked_at'),
  lastCheck: text('last_check', { mode: 'json' }),
});
