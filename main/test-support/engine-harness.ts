/**
 * An engine over a real SQLite file with a scripted test connector (`test.*` actions), for engine tests. The
 * connector implements the real Connector interface; scripts decide each call's fate.
 */
import { afterEach } from 'vitest';
import { z } from 'zod';
import { createRegistry, type ActionContext, type Connector } from '../connectors/connector';
import { ConnectorFailure, type StepFailure } from '../connectors/failure';
import { GroupCommit } from '../../db/group-commit';
import { Engine, type EngineOptions } from '../engine/engine';
import { OperatorControls } from '../engine/operator';
import { WorkflowStore } from '../engine/workflow-store';
import { Ledger } from '../ledger/ledger';
import type { RunStatus } from '../../preload/api';
import { tempStore } from './temp-store';

export interface Call {
  action: string;
  stepId: string;
  ctx: ActionContext;
  input: unknown;
  seq: number;
}

export type Script = (call: Call, nth: number) => Promise<unknown> | unknown;

export function fail(failure: Partial<StepFailure> & Pick<StepFailure, 'kind'>): never {
  throw new ConnectorFailure({ message: 'scripted failure', code: 'scripted', ...failure });
}

export function engineHarness(options: { concurrency?: number; random?: () => number; store?: ReturnType<typeof tempStore>; breakerSettings?: EngineOptions['breakerSettings'] } = {}) {
  const store = options.store ?? tempStore();
  const calls: Call[] = [];
  const scripts = new Map<string, Script>();
  const reconciles = new Map<string, Script>();
  const counts = new Map<string, number>();
  let seq = 0;
  const action = (name: string) => ({
    title: name,
    input: z.record(z.string(), z.unknown()),
    run: async (ctx: ActionContext, input: unknown) => {
      const call = { action: name, stepId: ctx.stepId, ctx, input, seq: ++seq };
      calls.push(call);
      const nth = (counts.get(`${ctx.runId}/${ctx.stepId}`) ?? 0) + 1;
      counts.set(`${ctx.runId}/${ctx.stepId}`, nth);
      const script = scripts.get(ctx.stepId) ?? scripts.get(`*${name}`);
      return script ? script(call, nth) : { id: `${ctx.stepId}_1`, step: ctx.stepId };
    },
    reconcile: async (ctx: ActionContext, input: unknown) => {
      const script = reconciles.get(ctx.stepId);
      return script ? script({ action: name, stepId: ctx.stepId, ctx, input, seq: ++seq }, 1) : undefined;
    },
  });
  const connector: Connector = {
    id: 'test',
    title: 'Test',
    actions: { do: action('do'), other: action('other') },
    classify: (error) => (error as { failure?: StepFailure }).failure ?? { kind: 'permanent', code: 'unexpected', message: String(error) },
    testConnection: async () => ({ ok: true, detail: 'test' }),
  };
  const registry = createRegistry([connector]);
  let clock = Date.now();
  const now = () => Math.max(clock, Date.now());
  const ledger = new Ledger(store.sqlite, now);
  const workflows = new WorkflowStore(store.sqlite, ledger, (n) => registry.action(n) !== undefined, now);
  const changed = new Set<string>();
  const commits = new GroupCommit(store.sqlite);
  /** What the engine reported as contained failures (onError). */
  const errors: unknown[] = [];
  const engine = new Engine({
    sqlite: store.sqlite, commits, ledger, workflows, registry, now, random: options.random ?? (() => 0),
    concurrency: options.concurrency ?? 8, onRunChanged: (id) => changed.add(id), onError: (error) => errors.push(error),
    ...(options.breakerSettings && { breakerSettings: options.breakerSettings }),
  });

  async function waitForRun(runId: string, statuses: RunStatus[] = ['completed', 'needs_attention', 'cancelled'], timeoutMs = 10_000) {
    const started = Date.now();
    for (;;) {
      const run = engine.store.run(runId);
      if (run && statuses.includes(run.status)) return run;
      if (Date.now() - started > timeoutMs) throw new Error(`run ${runId} stayed ${run?.status} (steps: ${JSON.stringify(engine.store.steps(runId).map((s) => [s.stepId, s.status]))})`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error('the condition did not come true in time');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  const operator = new OperatorControls(engine, store.sqlite, ledger, workflows, registry, now);

  return {
    store, engine, commits, ledger, workflows, calls, scripts, reconciles, changed, errors, waitFor, operator,
    advanceClock: (ms: number) => (clock = now() + ms),
    waitForRun,
    ledgerEntries: (runId: string) =>
      (store.sqlite.prepare('SELECT kind, step_id AS stepId, attempt_id AS attemptId, at, payload FROM ledger_entries WHERE run_id = ? ORDER BY seq').all(runId) as
        { kind: string; stepId: string | null; attemptId: string | null; at: number; payload: string }[]).map((e) => ({ ...e, payload: JSON.parse(e.payload) })),
    async close() {
      await engine.stop();
      store.cleanup();
    },
  };
}

/**
 * For a test file whose tests each want a started engine: `started()` makes one, and every engine made is
 * stopped and its store removed after each test.
 */
export function startedHarnesses(options: Parameters<typeof engineHarness>[0] = {}): () => ReturnType<typeof engineHarness> {
  const open: ReturnType<typeof engineHarness>[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });
  return () => {
    const h = engineHarness(options);
    open.push(h);
    h.engine.start();
    return h;
  };
}
