/**
 * Editing a workflow from the console: check a document without saving, publish it as a new version, and dry
 * run it against a recorded trigger to see which steps would run with which inputs — before anything is live.
 */
import type Database from 'better-sqlite3';
import type { CallOutput, DryRunResult, DryRunStep, WorkflowCheck, WorkflowDetail } from '../../preload/api';
import type { ConnectorRegistry } from '../connectors/connector';
import { describeConnectorActions } from './connector-actions';
import type { ExpressionScope } from '../engine/expressions';
import { judgeStep } from '../engine/step-judgement';
import { parseWorkflow, WorkflowValidationError, type WorkflowDocument } from '../engine/workflow';
import type { WorkflowStore } from '../engine/workflow-store';
import { ConsoleProblem } from './dispatch';

export class WorkflowEditing {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly workflows: WorkflowStore,
    private readonly registry: ConnectorRegistry,
  ) {}

  detail(workflowId: string, version?: number): WorkflowDetail {
    const current = this.workflows.currentVersion(workflowId);
    if (current === null) throw new ConsoleProblem('not_found', `There is no workflow "${workflowId}".`);
    const shown = version ?? current;
    let document: WorkflowDocument;
    try {
      document = this.workflows.get(workflowId, shown);
    } catch {
      throw new ConsoleProblem('not_found', `Workflow "${workflowId}" has no version ${shown}; it has 1 to ${current}.`);
    }
    const versions = this.sqlite
      .prepare('SELECT version, created_at AS createdAt, note FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC')
      .all(workflowId) as WorkflowDetail['versions'];
    return { id: workflowId, name: document.name, version: shown, currentVersion: current, versions, document, actions: this.actions() };
  }

  /** The actions a step may use, with their input fields, and the engine's defaults for a step. */
  connectorActions(): CallOutput<'listConnectorActions'> {
    return describeConnectorActions(this.registry);
  }

  check(document: unknown): WorkflowCheck {
    try {
      parseWorkflow(document, this.known);
      return { valid: true, problems: [] };
    } catch (error) {
      if (error instanceof WorkflowValidationError) return { valid: false, problems: error.problems };
      throw error;
    }
  }

  save(document: unknown, note: string | undefined, who: string): WorkflowDetail {
    try {
      const published = this.workflows.publish(document, `${note ?? 'edited in the console'} (by ${who})`);
      return this.detail(published.workflowId, published.version);
    } catch (error) {
      if (error instanceof WorkflowValidationError) throw new ConsoleProblem('invalid_input', error.message);
      throw error;
    }
  }

  dryRun(document: unknown, source: { deliveryId?: string; trigger?: unknown }): DryRunResult {
    let doc: WorkflowDocument;
    try {
      doc = parseWorkflow(document, this.known);
    } catch (error) {
      if (error instanceof WorkflowValidationError) throw new ConsoleProblem('invalid_input', error.message);
      throw error;
    }
    const trigger = source.deliveryId ? this.deliveryPayload(source.deliveryId) : (source.trigger ?? this.latestTrigger(doc));
    const sample = this.sampleOutputs(doc.id);
    const scope: ExpressionScope = { trigger, steps: sample.outputs };
    const outcomes = new Map<string, DryRunStep['outcome']>();
    const steps: DryRunStep[] = [];
    for (const step of doc.steps) {
      const needs = step.needs.map((n) => outcomes.get(n));
      let result: Omit<DryRunStep, 'stepId' | 'action'>;
      if (needs.includes('skip')) {
        result = { outcome: 'skip', reason: `it needs "${step.needs[needs.indexOf('skip')]}", which would be skipped`, input: null };
      } else {
        // Without a sample of what a needed step returns, an input that reads it cannot be decided yet.
        const uncertain = needs.some((n) => n === 'unknown' || n === 'error') || step.needs.some((n) => !(n in scope.steps));
        result = this.evaluate(step, scope, uncertain);
      }
      outcomes.set(step.id, result.outcome);
      steps.push({ stepId: step.id, action: step.action, ...result });
    }
    return { trigger, sampleRunId: sample.runId, steps };
  }

  private evaluate(step: WorkflowDocument['steps'][number], scope: ExpressionScope, uncertain: boolean): Omit<DryRunStep, 'stepId' | 'action'> {
    const judged = judgeStep(step, scope, this.registry);
    if (judged.outcome === 'skip') return { outcome: 'skip', reason: `its condition \`${step.when}\` is false`, input: null };
    if (judged.outcome === 'run') return { outcome: 'run', reason: step.when ? `its condition \`${step.when}\` is true` : 'it would run', input: judged.input };
    if (judged.part === 'schema') return { outcome: 'error', reason: judged.message, input: judged.input ?? null };
    const what = judged.part === 'when' ? 'its condition cannot be decided yet' : 'its input cannot be built';
    return { outcome: uncertain ? 'unknown' : 'error', reason: `${what}: ${judged.message}`, input: null };
  }

  private readonly known = (name: string) => this.registry.action(name) !== undefined;

  private actions(): string[] {
    return this.registry.connectors().flatMap((c) => Object.keys(c.actions).map((a) => `${c.id}.${a}`)).sort();
  }

  private deliveryPayload(deliveryId: string): unknown {
    const row = this.sqlite.prepare(`SELECT body, status FROM deliveries WHERE id = ?`).get(deliveryId) as { body: Buffer; status: string } | undefined;
    if (!row) throw new ConsoleProblem('not_found', `There is no delivery ${deliveryId}.`);
    try {
      return JSON.parse(row.body.toString('utf8'));
    } catch {
      throw new ConsoleProblem('invalid_input', `Delivery ${deliveryId} (${row.status}) has no JSON payload to try the workflow on.`);
    }
  }

  private latestTrigger(doc: WorkflowDocument): unknown {
    const row = this.sqlite.prepare('SELECT trigger FROM runs WHERE workflow_id = ? ORDER BY created_at DESC LIMIT 1').get(doc.id) as { trigger: string } | undefined;
    if (!row) throw new ConsoleProblem('invalid_input', 'There is no recorded trigger for this workflow yet: pick a delivery or paste a payload.');
    return JSON.parse(row.trigger);
  }

  /** Earlier steps' outputs from the latest completed run, so mappings that read them can be shown. */
  private sampleOutputs(workflowId: string): { runId: string | null; outputs: ExpressionScope['steps'] } {
    const run = this.sqlite.prepare(`SELECT id FROM runs WHERE workflow_id = ? AND status = 'completed' ORDER BY finished_at DESC LIMIT 1`).get(workflowId) as { id: string } | undefined;
    if (!run) return { runId: null, outputs: {} };
    const rows = this.sqlite.prepare(`SELECT step_id AS stepId, output FROM steps WHERE run_id = ? AND status = 'succeeded'`).all(run.id) as { stepId: string; output: string | null }[];
    return { runId: run.id, outputs: Object.fromEntries(rows.map((r) => [r.stepId, { output: r.output === null ? null : JSON.parse(r.output) }])) };
  }
}
