/** The console's handlers: one per call in the contract, each a thin read or a command on the core. */
import type { AppInfo } from '../../preload/api';
import { sendSampleContracts } from '../core/demo-contracts';
import type { WorkflowStore } from '../engine/workflow-store';
import type { EndpointStore } from '../intake/endpoint-store';
import type { Vault } from '../vault/vault';
import { OperatorRefusal, type OperatorControls } from '../engine/operator';
import { ConsoleProblem, type ConsoleHandlers } from './dispatch';
import type { ReadModels } from './read-models';

export interface ConsoleServiceDeps {
  info: AppInfo;
  operator: OperatorControls;
  reads: ReadModels;
  workflows: WorkflowStore;
  endpoints: EndpointStore;
  vault: Vault;
}

export function createConsoleHandlers(d: ConsoleServiceDeps): ConsoleHandlers {
  /** Runs an operator action and answers with the run as it now is. */
  const operate = (action: () => void, runId: string) => {
    refusalsAsProblems(action);
    return d.reads.runDetail(runId)!;
  };
  return {
    getAppInfo: () => d.info,
    listRuns: (args) => d.reads.listRuns(args),
    getRun: ({ runId }) => {
      const detail = d.reads.runDetail(runId);
      if (!detail) throw new ConsoleProblem('not_found', `There is no run ${runId}.`);
      return detail;
    },
    listWorkflows: () =>
      d.workflows.list().map((w) => ({
        id: w.id, name: w.name, description: w.document.description, version: w.version,
        endpoint: w.document.trigger.endpoint, stepCount: w.document.steps.length, updatedAt: w.updatedAt,
      })),
    listEndpoints: () =>
      d.endpoints.list().map((e) => ({ slug: e.slug, workflowId: e.workflowId, verifier: e.verifier.provider, url: `${d.info.intakeUrl}${e.slug}` })),
    listLedger: (args) => d.reads.listLedger(args),
    retryStep: ({ runId, stepId, actor }) => operate(() => d.operator.retryStepNow(runId, stepId, actor), runId),
    retryFromStep: ({ runId, stepId, input, actor }) => operate(() => d.operator.retryFromStep(runId, stepId, input, actor), runId),
    skipStep: ({ runId, stepId, actor }) => operate(() => d.operator.skipStep(runId, stepId, actor), runId),
    cancelRun: ({ runId, compensate, actor }) => operate(() => d.operator.cancelRun(runId, actor, { compensate }), runId),
    replayRun: ({ runId, version, actor }) => refusalsAsProblems(() => ({ runId: d.operator.replayRun(runId, version, actor) })),
    bulkReplay: ({ filter, version, actor }) => refusalsAsProblems(() => ({ runIds: d.operator.bulkReplay(filter, version, actor) })),
    sendDemoContracts: async ({ count, plan }) => {
      const endpoint = d.endpoints.list().find((e) => e.verifier.provider === 'standard-webhooks' && e.workflowId === 'client-onboarding');
      if (!endpoint) throw new ConsoleProblem('not_found', 'The sample "contracts" endpoint is gone, so there is nowhere to send a sample contract.');
      const secret = await d.vault.get(endpoint.secretRefs[0]!).catch(() => null);
      if (!secret) {
        throw new ConsoleProblem('unavailable', `The signing secret of endpoint "${endpoint.slug}" cannot be read: unlock the keychain and try again.`);
      }
      const deliveries = await sendSampleContracts({ endpointUrl: `${d.info.intakeUrl}${endpoint.slug}`, secret, count, ...(plan && { plan }) });
      return { deliveries };
    },
  };
}

/** An operator's refusal is an expected answer with words for the user, not a bug. */
function refusalsAsProblems<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof OperatorRefusal) throw new ConsoleProblem(error.code === 'invalid_input' ? 'invalid_input' : error.code, error.message);
    throw error;
  }
}
