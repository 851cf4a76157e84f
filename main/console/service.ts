/** The console's handlers: one per call in the contract, each a thin read or a command on the core. */
import type { AppInfo } from '../../preload/api';
import { sendSampleContracts } from '../core/demo-contracts';
import type { WorkflowStore } from '../engine/workflow-store';
import type { EndpointStore } from '../intake/endpoint-store';
import type { Vault } from '../vault/vault';
import { ConsoleProblem, type ConsoleHandlers } from './dispatch';
import type { ReadModels } from './read-models';

export interface ConsoleServiceDeps {
  info: AppInfo;
  reads: ReadModels;
  workflows: WorkflowStore;
  endpoints: EndpointStore;
  vault: Vault;
}

export function createConsoleHandlers(d: ConsoleServiceDeps): ConsoleHandlers {
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
