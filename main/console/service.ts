/** The console's handlers: one per call in the contract, each a thin read or a command on the core. */
import type { AppInfo, LedgerExportView, LedgerVerdict } from '../../preload/api';
import type { ExportFilters } from '../ledger/export-scope';
import { sendSampleContracts } from '../core/demo-contracts';
import type { WorkflowStore } from '../engine/workflow-store';
import type { EndpointStore } from '../intake/endpoint-store';
import type { Vault } from '../vault/vault';
import { OperatorRefusal, type OperatorControls } from '../engine/operator';
import { ConsoleProblem, type ConsoleHandlers } from './dispatch';
import type { Connections } from './connections';
import type { EndpointSecrets } from './endpoint-secrets';
import { EndpointEditing } from './endpoint-editing';
import { TunnelSettingsError, type TunnelControl } from '../core/tunnel-control';
import type { IntakePause } from '../core/intake-pause';
import type { DesktopSettingsPort } from '../core/desktop-port';
import type { RedactionPaths } from '../core/redaction-paths';
import { JsonPathError } from '../ledger/json-paths';
import type { WorkflowEditing } from './workflow-editing';
import type { ReadModels } from './read-models';
import { LongOperations } from './long-operations';
import { LedgerQueryError } from '../ledger/query';
import type { WorkControl } from '../ledger/work-control';

export interface ConsoleServiceDeps {
  info: AppInfo;
  operator: OperatorControls;
  editing: WorkflowEditing;
  connections: Connections;
  endpointSecrets: EndpointSecrets;
  tunnel: TunnelControl;
  redaction: RedactionPaths;
  sandboxed: () => string[];
  /** Honours the control's signal between slices (see main/ledger/verify-sliced.ts). */
  verifyLedger: (control: WorkControl) => Promise<LedgerVerdict> | LedgerVerdict;
  exportLedger: (format: LedgerExportView['format'], filters: ExportFilters, who: string, control: WorkControl) => Promise<LedgerExportView>;
  reads: ReadModels;
  workflows: WorkflowStore;
  endpoints: EndpointStore;
  vault: Vault;
  intakePause: IntakePause;
  /** The desktop app's OS settings; absent in the headless shell. */
  desktop?: DesktopSettingsPort;
}

export function createConsoleHandlers(d: ConsoleServiceDeps): ConsoleHandlers {
  const operations = new LongOperations();
  const endpointEditing = new EndpointEditing(d.endpoints, d.workflows, d.endpointSecrets);
  /** Runs an operator action and answers with the run as it now is. */
  const operate = (action: () => void, runId: string) => {
    refusalsAsProblems(action);
    return d.reads.runDetail(runId)!;
  };
  return {
    getAppInfo: () => ({ ...d.info, sandbox: d.sandboxed().length > 0, sandboxConnectors: d.sandboxed() }),
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
    listEndpoints: () => d.endpointSecrets.list(),
    addEndpointSecret: ({ slug, value, actor }) => d.endpointSecrets.add(slug, value, actor.who, actor.why),
    retireEndpointSecret: ({ slug, name, actor }) => d.endpointSecrets.retire(slug, name, actor.who, actor.why),
    listEndpointProviders: () => endpointEditing.providers(),
    saveEndpoint: (input) => endpointEditing.save(input),
    setEndpointEnabled: ({ slug, enabled, allowUnsigned, actor }) => endpointEditing.setEnabled(slug, enabled, allowUnsigned, actor),
    listLedger: (args) => d.reads.listLedger(args),
    retryStep: ({ runId, stepId, actor }) => operate(() => d.operator.retryStepNow(runId, stepId, actor), runId),
    retryFromStep: ({ runId, stepId, input, actor }) => operate(() => d.operator.retryFromStep(runId, stepId, input, actor), runId),
    skipStep: ({ runId, stepId, actor }) => operate(() => d.operator.skipStep(runId, stepId, actor), runId),
    cancelRun: ({ runId, compensate, actor }) => operate(() => d.operator.cancelRun(runId, actor, { compensate }), runId),
    replayRun: ({ runId, version, actor }) => refusalsAsProblems(() => ({ runId: d.operator.replayRun(runId, version, actor) })),
    bulkReplay: ({ filter, version, actor }) => refusalsAsProblems(() => ({ runIds: d.operator.bulkReplay(filter, version, actor) })),
    listAttention: () => d.reads.listAttention(),
    listExchanges: ({ runId, attemptId }) => d.reads.listExchanges(runId, attemptId),
    getWorkflow: ({ workflowId, version }) => d.editing.detail(workflowId, version),
    checkWorkflow: ({ document }) => d.editing.check(document),
    saveWorkflow: ({ document, note, actor }) => d.editing.save(document, note ? `${note} — ${actor.why}` : actor.why, actor.who),
    dryRunWorkflow: ({ document, deliveryId, trigger }) => d.editing.dryRun(document, { ...(deliveryId && { deliveryId }), ...(trigger !== undefined && { trigger }) }),
    listConnectorActions: () => d.editing.connectorActions(),
    listDeliveries: (args) => d.reads.listDeliveries(args),
    replayDelivery: ({ deliveryId, actor }) => refusalsAsProblems(() => ({ runId: d.operator.replayDelivery(deliveryId, actor) })),
    verifyLedger: ({ operationId }) => operations.run(operationId, 'verify', (control) => d.verifyLedger(control)),
    exportLedger: ({ format, actor, operationId, ...filters }) => operations.run(operationId, 'export', (control) => d.exportLedger(format, filters, actor.who, control)),
    getRedactionPaths: () => ({ paths: d.redaction.list() }),
    setRedactionPaths: ({ paths, actor }) => {
      try {
        return { paths: d.redaction.set(paths, actor.who, actor.why) };
      } catch (error) {
        if (error instanceof JsonPathError) throw new ConsoleProblem('invalid_input', `${error.message}. Paths look like $.data.client.email or $..iban.`);
        throw error;
      }
    },
    getTunnel: () => d.tunnel.view(),
    configureTunnel: async ({ settings, actor }) => {
      try {
        return await d.tunnel.configure(settings, actor.who, actor.why);
      } catch (error) {
        if (error instanceof TunnelSettingsError) throw new ConsoleProblem('invalid_input', `The tunnel settings are not valid: ${error.message}.`);
        throw error;
      }
    },
    retryTunnel: () => d.tunnel.retry(),
    listConnections: () => d.connections.list(),
    setCredential: ({ connector, value, kind, impersonate, actor }) => d.connections.set(connector, value, actor.who, actor.why, { kind, impersonate }),
    removeCredential: ({ connector, actor }) => d.connections.remove(connector, actor.who, actor.why),
    testConnection: ({ connector }) => d.connections.test(connector),
    startGoogleSignIn: ({ actor, ...client }) => d.connections.google.start(client, actor),
    googleSignInStatus: ({ id }) => d.connections.google.status(id),
    cancelGoogleSignIn: ({ id }) => d.connections.google.cancel(id),
    sendDemoContracts: async ({ count, plan, email }) => {
      const endpoint = d.endpoints.list().find((e) => e.verifier.provider === 'standard-webhooks' && e.workflowId === 'client-onboarding');
      if (!endpoint) throw new ConsoleProblem('not_found', 'The sample "contracts" endpoint is gone, so there is nowhere to send a sample contract.');
      const secret = await d.vault.get(endpoint.secretRefs[0]!).catch(() => null);
      if (!secret) {
        throw new ConsoleProblem('unavailable', `The signing secret of endpoint "${endpoint.slug}" cannot be read: unlock the keychain and try again.`);
      }
      const deliveries = await sendSampleContracts({ endpointUrl: `${d.info.intakeUrl}${endpoint.slug}`, secret, count, ...(plan && { plan }), ...(email && { email }) });
      return { deliveries };
    },
    pageRuns: (args) => d.reads.pageRuns(args),
    searchLedger: (args) => {
      try {
        return d.reads.searchLedger(args);
      } catch (error) {
        if (error instanceof LedgerQueryError) throw new ConsoleProblem('invalid_input', error.message);
        throw error;
      }
    },
    replayWithTrigger: ({ runId, trigger, version, cancelOriginal, actor }) =>
      refusalsAsProblems(() => ({ runId: d.operator.replayWithTrigger(runId, trigger, actor, { version, cancelOriginal, redact: (value) => d.redaction.apply(value) }) })),
    getOperation: ({ operationId }) => operations.view(operationId),
    cancelOperation: ({ operationId }) => operations.cancel(operationId),
    getIntakeState: () => d.intakePause.view(),
    pauseIntake: ({ actor }) => d.intakePause.pause(actor),
    resumeIntake: ({ actor }) => d.intakePause.resume(actor),
    getDesktopSettings: () => desktopOnly(d.desktop).view(),
    setStartAtLogin: ({ enabled }) => desktopOnly(d.desktop).setStartAtLogin(enabled),
  };
}

/** The headless shell has no desktop settings: say so, and what to use instead. */
function desktopOnly(desktop: DesktopSettingsPort | undefined): DesktopSettingsPort {
  if (desktop) return desktop;
  throw new ConsoleProblem('unavailable',
    'Start at login is only in the desktop app: this Keel runs headless (keel serve). Start it with the machine instead, e.g. from a systemd unit or your service manager.');
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
