/** `keel runs`: the runs in a data folder, read straight from its store (Keel may be running or not). */
import path from 'node:path';
import { openDb } from '../../db';
import type { RunStatus, RunSummary } from '../../preload/api';
import { ReadModels } from '../console/read-models';
import { WorkflowStore } from '../engine/workflow-store';
import { Ledger } from '../ledger/ledger';
import { integerOption, UsageError, type Command } from './command';

export function listRuns(dataDir: string, status: RunStatus | undefined, limit: number): RunSummary[] {
  const store = openDb(path.join(dataDir, 'keel.db'));
  try {
    const workflows = new WorkflowStore(store.sqlite, new Ledger(store.sqlite), () => true);
    return new ReadModels(store.sqlite, workflows).listRuns({ ...(status && { status }), limit });
  } finally {
    store.close();
  }
}

export function formatRuns(runs: RunSummary[]): string[] {
  if (!runs.length) return ['No runs yet. Start Keel (`keel serve`) and send one: keel demo send-contract'];
  const rows = runs.map((r) => [
    r.id.slice(0, 8), r.status, r.clientKey ?? '-', `${r.workflowId}@${r.workflowVersion}`,
    new Date(r.createdAt).toISOString().replace('T', ' ').slice(0, 19), `${r.stepsDone}/${r.stepCount}`, String(r.attempts),
  ]);
  const header = ['RUN', 'STATUS', 'CLIENT', 'WORKFLOW', 'STARTED (UTC)', 'STEPS', 'ATTEMPTS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

const RUN_STATUSES: RunStatus[] = ['running', 'completed', 'needs_attention', 'cancelled'];

export const runsCommand: Command = {
  name: 'runs',
  summary: 'List runs',
  usage: ['--status S            running | completed | needs_attention | cancelled', '--limit N             at most N runs (default 50)', '--json                print JSON'],
  options: { status: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run({ dataDir, options, print }) {
    const status = options.status as RunStatus | undefined;
    if (status && !RUN_STATUSES.includes(status)) throw new UsageError(`--status must be one of ${RUN_STATUSES.join(', ')}.`);
    const runs = listRuns(dataDir, status, integerOption(options.limit, 'limit', 50, 1));
    if (options.json) print(JSON.stringify(runs, null, 2));
    else for (const line of formatRuns(runs)) print(line);
    return 0;
  },
};
