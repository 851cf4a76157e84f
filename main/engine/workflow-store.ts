/**
 * Workflows and their immutable versions. Publishing writes a new version and a ledger entry in one
 * transaction; a version, once written, never changes, so parsed documents are cached forever.
 */
import type Database from 'better-sqlite3';
import type { Ledger } from '../ledger/ledger';
import { parseWorkflow, type WorkflowDocument } from './workflow';

export interface PublishedVersion {
  workflowId: string;
  version: number;
  document: WorkflowDocument;
  createdAt: number;
}

export class WorkflowStore {
  private readonly cache = new Map<string, WorkflowDocument>();
  private currentVersionQuery: Database.Statement<[string], { v: number }> | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly ledger: Ledger,
    private readonly knownAction: (name: string) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Validates and publishes `raw` as the workflow's next version. Throws WorkflowValidationError. */
  publish(raw: unknown, note: string | null = null): PublishedVersion {
    const document = parseWorkflow(raw, this.knownAction);
    return this.sqlite.transaction(() => {
      const at = this.now();
      const current = this.currentVersion(document.id);
      const version = (current ?? 0) + 1;
      if (current === null) {
        this.sqlite
          .prepare('INSERT INTO workflows (id, name, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(document.id, document.name, version, at, at);
      } else {
        this.sqlite
          .prepare('UPDATE workflows SET name = ?, current_version = ?, updated_at = ? WHERE id = ?')
          .run(document.name, version, at, document.id);
      }
      this.sqlite
        .prepare('INSERT INTO workflow_versions (workflow_id, version, document, created_at, note) VALUES (?, ?, ?, ?, ?)')
        .run(document.id, version, JSON.stringify(document), at, note);
      this.ledger.append({
        kind: 'config.changed',
        at,
        payload: { change: 'workflow.published', workflowId: document.id, version, note, document },
      });
      return { workflowId: document.id, version, document, createdAt: at };
    })();
  }

  currentVersion(workflowId: string): number | null {
    // Asked once per delivery: the statement is prepared once.
    this.currentVersionQuery ??= this.sqlite.prepare<[string], { v: number }>('SELECT current_version AS v FROM workflows WHERE id = ?');
    return this.currentVersionQuery.get(workflowId)?.v ?? null;
  }

  /** A pinned version's document. Throws when it does not exist: a run can only point at a real version. */
  get(workflowId: string, version: number): WorkflowDocument {
    const key = `${workflowId}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = this.sqlite
      .prepare('SELECT document FROM workflow_versions WHERE workflow_id = ? AND version = ?')
      .get(workflowId, version) as { document: string } | undefined;
    if (!row) throw new Error(`workflow ${workflowId} has no version ${version}`);
    const document = JSON.parse(row.document) as WorkflowDocument;
    this.cache.set(key, document);
    return document;
  }

  list(): { id: string; name: string; version: number; updatedAt: number; document: WorkflowDocument }[] {
    const rows = this.sqlite
      .prepare('SELECT id, name, current_version AS version, updated_at AS updatedAt FROM workflows ORDER BY name')
      .all() as { id: string; name: string; version: number; updatedAt: number }[];
    return rows.map((r) => ({ ...r, document: this.get(r.id, r.version) }));
  }
}
