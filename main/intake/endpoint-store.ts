/** Endpoints: where deliveries arrive, how they are verified, which workflow they start. No secret values. */
import type Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import type { Ledger } from '../ledger/ledger';
import type { VerifierSettings } from './verifiers';

export interface Endpoint {
  slug: string;
  workflowId: string;
  /** The verifier's provider and its settings, as the intake passes them to the verifier. */
  verifier: VerifierSettings;
  /** Vault names of the signing secrets; more than one while a secret is being rotated. */
  secretRefs: string[];
  enabled: boolean;
  createdAt: number;
}

interface EndpointRow {
  slug: string;
  workflowId: string;
  verifier: string;
  secretRefs: string;
  enabled: number;
  createdAt: number;
}

export class EndpointStore {
  private cache: Map<string, Endpoint> | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly ledger: Ledger,
    private readonly now: () => number = Date.now,
  ) {}

  get(slug: string): Endpoint | undefined {
    return this.all().get(slug);
  }

  list(): Endpoint[] {
    return [...this.all().values()];
  }

  /** Creates or replaces an endpoint, recording the change. */
  save(endpoint: Omit<Endpoint, 'createdAt'>, actor?: { who: string; why: string }): Endpoint {
    const saved = this.sqlite.transaction(() => {
      const existing = this.get(endpoint.slug);
      const row = { ...endpoint, createdAt: existing?.createdAt ?? this.now() };
      this.sqlite
        .prepare(`INSERT INTO endpoints (slug, workflow_id, verifier, secret_refs, enabled, created_at)
          VALUES (@slug, @workflowId, @verifier, @secretRefs, @enabled, @createdAt)
          ON CONFLICT (slug) DO UPDATE SET workflow_id = excluded.workflow_id, verifier = excluded.verifier,
            secret_refs = excluded.secret_refs, enabled = excluded.enabled`)
        .run({ ...row, verifier: JSON.stringify(row.verifier), secretRefs: JSON.stringify(row.secretRefs), enabled: row.enabled ? 1 : 0 });
      this.ledger.append({
        kind: 'config.changed', endpointSlug: endpoint.slug,
        payload: {
          change: existing ? 'endpoint.updated' : 'endpoint.created', before: existing ?? null, after: row,
          ...(existing && { changed: changedFields(existing, row) }), ...(actor && { who: actor.who, why: actor.why }),
        },
      });
      return row;
    })();
    this.cache = undefined;
    return saved;
  }

  private all(): Map<string, Endpoint> {
    if (!this.cache) {
      const rows = this.sqlite
        .prepare('SELECT slug, workflow_id AS workflowId, verifier, secret_refs AS secretRefs, enabled, created_at AS createdAt FROM endpoints')
        .all() as EndpointRow[];
      this.cache = new Map(rows.map((r) => [r.slug, {
        slug: r.slug, workflowId: r.workflowId, verifier: JSON.parse(r.verifier), secretRefs: JSON.parse(r.secretRefs),
        enabled: r.enabled === 1, createdAt: r.createdAt,
      }]));
    }
    return this.cache;
  }
}

/** What an update changed, so a reader of the ledger sees "verifier" or "workflowId" without diffing. */
function changedFields(before: Endpoint, after: Endpoint): string[] {
  const fields = ['workflowId', 'verifier', 'secretRefs', 'enabled'] as const;
  // Canonical JSON: the same settings written in another key order are no change.
  return fields.filter((field) => canonicalize(before[field]) !== canonicalize(after[field]));
}
