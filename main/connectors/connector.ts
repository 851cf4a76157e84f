/**
 * The one interface every provider sits behind. Connectors make calls and classify what went wrong; they
 * never retry and never sleep (their SDKs' own retries are switched off). The engine alone decides what
 * happens next.
 */
import type { z } from 'zod';
import type { StepFailure } from './failure';

export interface ActionContext {
  runId: string;
  stepId: string;
  attemptId: string;
  attemptNumber: number;
  /** Same for every attempt of the same logical call: providers that accept one dedupe on it. */
  idempotencyKey: string;
  /**
   * True when an earlier attempt of this step may have reached the provider and its answer was lost (crash,
   * timeout, connection reset). Actions without provider idempotency look for what it created first.
   */
  priorOutcomeUnknown: boolean;
  /** Aborted when the attempt's timeout passes or Keel shuts down. */
  signal: AbortSignal;
}

export interface ConnectorAction<I = any, O = any> {
  title: string;
  input: z.ZodType<I>;
  run(ctx: ActionContext, input: I): Promise<O>;
  /**
   * Finds what an earlier attempt with the same input would have created and returns it as this action's
   * output, or undefined when there is nothing to adopt. Called only when `priorOutcomeUnknown`.
   */
  reconcile?(ctx: ActionContext, input: I): Promise<O | undefined>;
}

export type ConnectionCheck =
  | { ok: true; detail: string }
  | { ok: false; problem: 'bad_credential' | 'missing_scope' | 'unreachable' | 'unknown'; detail: string };

export interface ConnectorLimits {
  /** Attempts in flight at once for this connector. */
  concurrency?: number;
  /** The provider's published rate limit. */
  rate?: { perSecond: number; burst: number };
}

export interface Connector {
  id: string;
  title: string;
  /** What the provider tolerates; the engine keeps to it. */
  limits?: ConnectorLimits;
  actions: Record<string, ConnectorAction>;
  /** Turns anything the SDK threw into a failure the engine can act on. Must not throw. */
  classify(error: unknown): StepFailure;
  /** One harmless authenticated call. */
  testConnection(): Promise<ConnectionCheck>;
}

/** Looks up `connector.action` names, as workflows write them. */
export interface ConnectorRegistry {
  action(name: string): { connector: Connector; action: ConnectorAction } | undefined;
  connectors(): Connector[];
}

export function createRegistry(connectors: Connector[]): ConnectorRegistry {
  const byId = new Map(connectors.map((c) => [c.id, c]));
  return {
    action(name) {
      const dot = name.indexOf('.');
      const connector = byId.get(name.slice(0, dot));
      const action = connector?.actions[name.slice(dot + 1)];
      return connector && action && Object.hasOwn(connector.actions, name.slice(dot + 1))
        ? { connector, action }
        : undefined;
    },
    connectors: () => [...byId.values()],
  };
}
