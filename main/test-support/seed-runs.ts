/**
 * Many settled runs, made through the core (workflow store, engine, operator controls) on a clock that walks
 * back through the past, for end-to-end specs and benchmarks that need a long runs list without waiting for
 * thousands of real runs. Each seeded workflow has one HTTP step whose condition settles the run as it starts:
 * false (completed), an error (needs attention), or an error then an operator's cancel (cancelled). Nothing is
 * left for the engine to send when Keel starts on the data folder.
 */
import path from 'node:path';
import { openDb, type Store } from '../../db';
import { GroupCommit } from '../../db/group-commit';
import { createRegistry } from '../connectors/connector';
import { Engine } from '../engine/engine';
import { OperatorControls } from '../engine/operator';
import { WorkflowStore } from '../engine/workflow-store';
import { Ledger } from '../ledger/ledger';

export const SEEDED_WORKFLOWS = [
  { id: 'invoice-paid', name: 'Invoice paid' },
  { id: 'client-offboarding', name: 'Client offboarding' },
  { id: 'contract-renewal', name: 'Contract renewal' },
] as const;

export interface SeedOptions {
  count: number;
  /** Client keys are this prefix and the run's number, six digits: `S-000042`. @default 'S-' */
  clientPrefix?: string;
  /** The runs are spread evenly over this many days, the newest a minute ago. @default 300 */
  days?: number;
  /** Out of every 100 runs, how many need attention and how many are cancelled; the rest completed. @default 5 and 5 */
  needsAttentionPer100?: number;
  cancelledPer100?: number;
}

export interface SeededRun {
  clientKey: string;
  workflowId: string;
  status: 'completed' | 'needs_attention' | 'cancelled';
  createdAt: number;
}

// `trigger.missing` is absent from every seeded trigger: reading it is the error that stops a run for a person.
const CONDITION = "trigger.outcome == 'run' || (trigger.outcome == 'stuck' && trigger.missing == 1)";

/** Seeds a Keel data folder that no Keel is running on (the store is opened and closed here). */
export function seedDataDir(dataDir: string, options: SeedOptions): SeededRun[] {
  const store = openDb(path.join(dataDir, 'keel.db'), { durability: 'normal' });
  try {
    return seedRuns(store, options);
  } finally {
    store.close();
  }
}

export function seedRuns(store: Pick<Store, 'sqlite'>, options: SeedOptions): SeededRun[] {
  const { sqlite } = store;
  const days = options.days ?? 300;
  const stuck = options.needsAttentionPer100 ?? 5;
  const cancelled = options.cancelledPer100 ?? 5;
  const newest = Date.now() - 60_000;
  const spacing = Math.max(1, Math.floor((days * 86_400_000) / Math.max(1, options.count)));
  let clock = newest - spacing * options.count;
  const now = () => clock;
  const ledger = new Ledger(sqlite, now);
  const workflows = new WorkflowStore(sqlite, ledger, (action) => action === 'http.request', now);
  const registry = createRegistry([]);
  const engine = new Engine({ sqlite, commits: new GroupCommit(sqlite), ledger, workflows, registry, now });
  const operator = new OperatorControls(engine, sqlite, ledger, workflows, registry, now);
  for (const w of SEEDED_WORKFLOWS) {
    if (workflows.currentVersion(w.id) !== null) continue;
    workflows.publish({
      id: w.id, name: w.name, description: 'Seeded for a long runs list.', trigger: { endpoint: 'seeded', clientKey: 'trigger.client' },
      steps: [{ id: 'notify', action: 'http.request', when: CONDITION, input: { method: 'POST', url: 'http://127.0.0.1:9/seeded' } }],
    }, 'seeded');
  }
  const seeded: SeededRun[] = [];
  const batch = 2_000;
  for (let start = 0; start < options.count; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(options.count, start + batch); i++) {
        clock += spacing;
        const slot = i % 100;
        const status = slot < stuck ? 'needs_attention' : slot < stuck + cancelled ? 'cancelled' : 'completed';
        const workflowId = SEEDED_WORKFLOWS[i % SEEDED_WORKFLOWS.length]!.id;
        const clientKey = `${options.clientPrefix ?? 'S-'}${String(i).padStart(6, '0')}`;
        const runId = engine.startRun({ workflowId, trigger: { client: clientKey, outcome: status === 'completed' ? 'skip' : 'stuck' } });
        if (status === 'cancelled') operator.cancelRun(runId, { who: 'seed', why: 'seeded as cancelled' });
        seeded.push({ clientKey, workflowId, status, createdAt: clock });
      }
    })();
  }
  return seeded;
}
