/**
 * One attempt's call to its connector, away from any storage: reconcile first when an earlier attempt's outcome
 * is unknown, then run the action, all inside the attempt's call origin (so the recording transport knows whose
 * exchanges these are) and bounded by the step's timeout and Keel's shutdown. Whatever goes wrong comes back as
 * a classified failure; the engine decides what happens next.
 */
import type { ActionContext, ConnectorRegistry } from '../connectors/connector';
import { classifyAbort, describeError, isConnectorFailure, type StepFailure } from '../connectors/failure';
import { callOrigin } from '../connectors/recording';
import type { StepDefinition } from './workflow';

/** An attempt whose start is on disk: everything its call and its outcome need. */
export interface AttemptPlan {
  runId: string;
  stepId: string;
  attemptId: string;
  number: number;
  idempotencyKey: string;
  priorOutcomeUnknown: boolean;
  input: unknown;
  definition: StepDefinition;
  clientKey: string | null;
  connector: string;
}

export type CallResult =
  | { ok: true; output: unknown; adopted: boolean }
  /** `interrupted`: cut off by Keel's shutdown, not by the provider. */
  | { ok: false; failure: StepFailure; interrupted: boolean };

export async function callConnector(plan: AttemptPlan, registry: ConnectorRegistry, shutdown: AbortSignal): Promise<CallResult> {
  const found = registry.action(plan.definition.action);
  const signal = AbortSignal.any([AbortSignal.timeout(plan.definition.timeoutMs), shutdown]);
  const ctx: ActionContext = {
    runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId, attemptNumber: plan.number,
    idempotencyKey: plan.idempotencyKey, priorOutcomeUnknown: plan.priorOutcomeUnknown, signal,
  };
  try {
    if (!found) throw new Error(`there is no action "${plan.definition.action}"`);
    const origin = { runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId, idempotencyKey: plan.idempotencyKey };
    return await callOrigin.run(origin, async (): Promise<CallResult> => {
      if (plan.priorOutcomeUnknown && found.action.reconcile) {
        const existing = await untilAborted(found.action.reconcile(ctx, plan.input), signal);
        if (existing !== undefined) return { ok: true, output: existing, adopted: true };
      }
      return { ok: true, output: await untilAborted(found.action.run(ctx, plan.input), signal), adopted: false };
    });
  } catch (error) {
    const failure: StepFailure = isConnectorFailure(error)
      ? error.failure
      : (classifyAbort(error, signal) ?? found?.connector.classify(error) ?? {
          kind: 'permanent', code: 'unknown_action', message: describeError(error) });
    return { ok: false, failure, interrupted: shutdown.aborted };
  }
}

/** Settles with the promise, or rejects when the signal aborts: a hung SDK call cannot hold an attempt forever. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
