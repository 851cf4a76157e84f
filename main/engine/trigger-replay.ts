/**
 * Replaying a run's trigger as the operator edited it. For a mistake in the payload itself (a client's email
 * typed wrong on the contract): every step reads the trigger, so no step retry can fix it, and the sender will
 * not send it again. The edit is checked the way the workflow will read it before anything starts; then, in one
 * transaction, the new run starts (linked to the original by `replay_of`), the original is cancelled unless
 * the operator keeps it, and the ledger records who, why, and each changed value before and after.
 */
import type Database from 'better-sqlite3';
import type { ConnectorRegistry } from '../connectors/connector';
import type { Ledger } from '../ledger/ledger';
import type { Engine } from './engine';
import { jsonChanges } from './json-changes';
import type { Actor } from './operator';
import { OperatorRefusal } from './operator-refusal';
import { triggerProblems } from './trigger-check';
import type { WorkflowStore } from './workflow-store';

export interface TriggerReplayOptions {
  /** The version the original run used, or the workflow's current one. @default 'pinned' */
  version?: 'pinned' | 'current';
  /** Cancel the original when it is still open, so it leaves the needs-attention queue. @default true */
  cancelOriginal?: boolean;
  /** Applied to payload values before they are written to the ledger (the user's redaction paths). */
  redact?: <T>(value: T) => T;
}

export interface TriggerReplayDeps {
  engine: Engine;
  sqlite: Database.Database;
  ledger: Ledger;
  workflows: WorkflowStore;
  registry: ConnectorRegistry;
  now: () => number;
  /** The operator's own cancel, so the original is cancelled exactly as a cancel from the console would. */
  cancelRun: (runId: string, actor: Actor) => void;
}

/** Starts the new run and returns its id. Throws OperatorRefusal when the edit cannot be used, naming why. */
export function replayWithEditedTrigger(d: TriggerReplayDeps, runId: string, trigger: unknown, actor: Actor, options: TriggerReplayOptions = {}): string {
  const run = d.engine.store.run(runId);
  if (!run) throw new OperatorRefusal('not_found', `There is no run ${runId}.`);
  if (trigger === undefined) throw new OperatorRefusal('invalid_input', 'The edited trigger is empty: paste the JSON payload to start the new run with.');
  const original = JSON.parse(run.trigger) as unknown;
  const changes = jsonChanges(original, trigger);
  if (!changes.length) {
    throw new OperatorRefusal('invalid_input', 'The edited trigger is the same as the original: change the value that is wrong, or use Replay to run it again as it is.');
  }
  const version = options.version === 'current' ? (d.workflows.currentVersion(run.workflowId) ?? run.workflowVersion) : run.workflowVersion;
  const problems = triggerProblems(d.workflows.get(run.workflowId, version), trigger, d.registry);
  if (problems.length) {
    throw new OperatorRefusal('invalid_input', `The edited trigger would fail at once: ${problems.join('; ')}. Fix it and try again.`);
  }
  const redact = options.redact ?? (<T>(value: T) => value);
  const open = run.status === 'running' || run.status === 'needs_attention';
  const cancelOriginal = (options.cancelOriginal ?? true) && open;
  return d.sqlite.transaction(() => {
    const replay = d.engine.startRun({ workflowId: run.workflowId, version, trigger, replayOf: runId });
    // Redacted first, then compared: a redacted value that changed shows as two different markers, never in clear.
    const recorded = jsonChanges(redact(original), redact(trigger));
    d.ledger.append({
      kind: 'operator.action', at: d.now(), runId, clientKey: run.clientKey,
      payload: {
        action: 'replay_with_edited_trigger', who: actor.who, why: actor.why,
        before: { runId, status: run.status, version: run.workflowVersion },
        after: { runId: replay, version, changes: recorded, originalCancelled: cancelOriginal },
      },
    });
    if (cancelOriginal) d.cancelRun(runId, { who: actor.who, why: `replaced by run ${replay}, started with an edited trigger: ${actor.why}` });
    return replay;
  })();
}
