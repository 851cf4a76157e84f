/**
 * THE console contract. Every call the console can make and every event it can receive is declared here
 * once; the Electron IPC handlers, the preload bridge, the headless HTTP + SSE shell and the renderer's
 * client are all typed from it. Adding a console call is one entry in `consoleCalls`.
 *
 * This file may import nothing but zod: it is bundled into the sandboxed preload and the renderer.
 */
import { z } from 'zod';

/** Errors cross the boundary as data, never as thrown strings. */
export type ConsoleErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'unavailable' | 'internal';
export interface ConsoleError {
  code: ConsoleErrorCode;
  /** A sentence for a person: what went wrong and what to do next. */
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ConsoleError };

// ---------------------------------------------------------------------------------------------------------
// Values the console shows

export type RunStatus = 'running' | 'completed' | 'needs_attention' | 'cancelled';
export type StepStatus =
  | 'pending' // waiting for the steps it needs
  | 'queued' // due now or at `nextAttemptAt`
  | 'running' // an attempt is in flight
  | 'succeeded'
  | 'skipped' // its `when` condition was false, or a step it needs was skipped
  | 'needs_attention' // failed permanently or ran out of attempts
  | 'cancelled';
export type AttemptStatus = 'in_flight' | 'succeeded' | 'failed' | 'interrupted';

export interface AppInfo {
  version: string;
  shell: 'electron' | 'headless';
  dataDir: string;
  /** True while connectors talk to Keel's built-in sandbox fakes instead of real providers. */
  sandbox: boolean;
  /** Base URL of the webhook intake, ending in `/hooks/`. */
  intakeUrl: string;
  startedAt: number;
  /** Connectors talking to the sandbox fakes right now (e.g. `stripe`, `googleDrive`). */
  sandboxConnectors: string[];
}

export interface RunSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  /** The trigger's business key (e.g. the contract id): how an ops manager names a run. */
  clientKey: string | null;
  status: RunStatus;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  attempts: number;
  stepCount: number;
  stepsDone: number;
}

export interface StepFailureView {
  kind: 'retryable' | 'permanent';
  message: string;
  code: string | null;
}

export interface StepView {
  stepId: string;
  name: string;
  action: string;
  needs: string[];
  when: string | null;
  status: StepStatus;
  attempts: number;
  nextAttemptAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  input: unknown;
  output: unknown;
  error: StepFailureView | null;
  note: string | null;
}

export interface AttemptView {
  id: string;
  stepId: string;
  number: number;
  status: AttemptStatus;
  idempotencyKey: string;
  startedAt: number;
  finishedAt: number | null;
  error: StepFailureView | null;
}

export interface RunDetail {
  run: RunSummary;
  trigger: unknown;
  steps: StepView[];
  attempts: AttemptView[];
  /** The run this one replays (same or operator-edited trigger). */
  replayOf?: string | null;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  description: string;
  version: number;
  endpoint: string;
  stepCount: number;
  updatedAt: number;
}

export interface EndpointSecretView {
  /** Name of the keychain entry. */
  name: string;
  source: 'keychain' | 'environment' | 'session' | null;
  lastFour: string | null;
}

export interface EndpointView {
  slug: string;
  workflowId: string;
  verifier: string;
  /** False for the `none` verifier: anyone who knows the URL can start runs. */
  authenticates: boolean;
  /** Full intake URL on this machine. */
  url: string;
  /** Signing secrets accepted now; two during a rotation. */
  secrets: EndpointSecretView[];
  /** False while turned off: deliveries are answered 404 "turned off" and recorded; its history stays. */
  enabled: boolean;
  /** The verifier's settings besides its provider (e.g. Stripe's event `types`); never a secret. */
  settings: Record<string, unknown>;
  createdAt: number;
  /** How deliveries missed while Keel was unreachable come back. */
  catchUp: EndpointCatchUpView;
}

export interface LedgerEntryView {
  seq: number;
  at: number;
  kind: string;
  runId: string | null;
  stepId: string | null;
  clientKey: string | null;
  connector: string | null;
  payload: unknown;
  hash: string;
}

/** A run that needs a person, why, and since when. */
export interface AttentionItem {
  run: RunSummary;
  reason: string;
  since: number;
}

/** A recorded body: text as sent (secrets redacted), or base64 for binary; `truncated` when over the inline limit. */
export interface RecordedBody {
  text: string;
  encoding: 'utf8' | 'base64';
  bytes: number;
  sha256: string;
  truncated: boolean;
}

/** One HTTP request and response a connector made, as recorded at the wire. */
export interface ExchangeView {
  seq: number;
  at: number;
  connector: string;
  runId: string | null;
  stepId: string | null;
  attemptId: string | null;
  idempotencyKey: string | null;
  durationMs: number;
  request: { method: string; url: string; headers: Record<string, string | string[]>; body: RecordedBody };
  response: { status: number; headers: Record<string, string | string[]>; body: RecordedBody } | null;
  error: string | null;
}

export interface WorkflowVersionInfo {
  version: number;
  createdAt: number;
  note: string | null;
}

export interface WorkflowDetail {
  id: string;
  name: string;
  /** The version shown (the current one unless another was asked for). */
  version: number;
  currentVersion: number;
  versions: WorkflowVersionInfo[];
  /** The validated workflow document (see resources/workflows/ for the shape). */
  document: unknown;
  /** Every `connector.action` a step may use. */
  actions: string[];
}

export interface WorkflowCheck {
  valid: boolean;
  /** Each problem names the step and field. */
  problems: string[];
}

export interface DryRunStep {
  stepId: string;
  action: string;
  /** `run`: it would run; `skip`: its condition is false or a step it needs is skipped; `unknown`: it depends on what an earlier step returns. */
  outcome: 'run' | 'skip' | 'error' | 'unknown';
  reason: string;
  input: unknown;
}

export interface DryRunResult {
  /** Where the trigger came from (a recorded delivery or the payload given). */
  trigger: unknown;
  /** Outputs of earlier steps are taken from this completed run, when there is one, so mappings can be shown. */
  sampleRunId: string | null;
  steps: DryRunStep[];
}

export interface DeliveryView {
  id: string;
  endpointSlug: string;
  receivedAt: number;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason: string | null;
  providerDeliveryId: string | null;
  runId: string | null;
}

export type LedgerVerdict =
  | { intact: true; checked: number; headHash: string }
  | { intact: false; checked: number; firstBadSeq: number; reason: string };

export type ConnectionProblem = 'bad_credential' | 'missing_scope' | 'unreachable' | 'unknown';

export interface ConnectionCheckView {
  ok: boolean;
  problem: ConnectionProblem | null;
  detail: string;
  at: number;
}

/** A connector's credential as the console may know it: where it comes from and its last four, never the value. */
export interface ConnectionView {
  connector: string;
  title: string;
  /** Name of the entry in the OS keychain (service `keel`), also `KEEL_SECRET_<NAME>`. */
  credentialName: string;
  state: 'set' | 'not_set';
  source: 'keychain' | 'environment' | 'session' | null;
  lastFour: string | null;
  setAt: number | null;
  lastCheck: ConnectionCheckView | null;
  /** True while the connector talks to Keel's sandbox fake instead of the provider. */
  sandbox: boolean;
  apiBase: string;
  /** How the credential authorizes (null when none is set, or it cannot be read). */
  kind: CredentialKind | null;
  /** Who the credential acts as, when it says: a service account's email (and the user it impersonates), an OAuth client. */
  account: string | null;
  /** The kinds this connector accepts; the console offers these. */
  kinds: CredentialKind[];
}

/** `token`: a pasted key or access token; `oauth`: a sign-in (refresh token, kept in the keychain); `service_account`: a key file. */
export type CredentialKind = 'token' | 'oauth' | 'service_account';

/** A "Sign in with Google" in progress or finished. Never carries a token. */
export interface GoogleSignInView {
  id: string;
  state: 'waiting' | 'signed_in' | 'failed' | 'cancelled';
  /** Google's consent screen for this sign-in, to open in a browser (the sandbox's stand-in redirects straight back). */
  authorizationUrl: string;
  /** Where Google sends the browser back: a listener on 127.0.0.1 at a port chosen for this sign-in. */
  redirectUri: string;
  /** When Keel stops waiting for Google's answer. */
  expiresAt: number;
  /** Why it failed or was cancelled, in words, with the next step. */
  message: string | null;
  /** The Google Drive connection once signed in. */
  connection: ConnectionView | null;
}

export interface ConnectionsView {
  keychain: { available: true; store: string } | { available: false; problem: string; nextStep: string };
  connections: ConnectionView[];
}

export interface LedgerExportView {
  format: 'csv' | 'xlsx' | 'pdf';
  /** Where the file is on this machine. */
  file: string;
  /** Its file name; the headless console downloads it from `/api/exports/<name>`. */
  name: string;
  entries: number;
  bytes: number;
  sha256: string;
}

export type TunnelProviderName = 'none' | 'ngrok' | 'localtunnel' | 'cloudflared' | 'manual';

/** Mirrors main/tunnel's TunnelStatus (this file may import only zod). */
export interface TunnelStatusView {
  provider: TunnelProviderName;
  state: 'down' | 'connecting' | 'up' | 'error';
  /** Public base URL while up. */
  publicUrl: string | null;
  /** Why it is in this state, in words; never a secret. */
  reason: string | null;
  since: number;
  failures: number;
  nextAttemptAt: number | null;
}

export interface TunnelView {
  status: TunnelStatusView;
  /** The saved tunnel settings (provider and its options; never a secret). */
  settings: { provider: TunnelProviderName } & Record<string, unknown>;
  endpoints: { slug: string; publicUrl: string | null; catchUp: 'event-list' | 'retries-only' }[];
}

/** Who acted and why: every operator action is recorded with both. */
export interface Actor {
  who: string;
  why: string;
}

export interface DemoContractsSent {
  /** Each sample contract posted to the intake and how the intake answered. */
  deliveries: { contractId: string; status: number }[];
}

/**
 * Whether the webhook intake takes deliveries. While paused it answers every delivery 503 with Retry-After and
 * stores nothing: senders keep the delivery and send it again later.
 */
export interface IntakeStateView {
  paused: boolean;
  /** When it was paused; who paused it and why, as the ledger records it. All null while receiving. */
  since: number | null;
  who: string | null;
  why: string | null;
  /** The Retry-After, in seconds, senders are given while paused. */
  retryAfterSeconds: number;
}

/** Settings only the desktop app has. */
export interface DesktopSettingsView {
  /** Whether Keel starts (in the tray) when the user logs in, as the OS has it; null where the OS offers no such thing. */
  startAtLogin: boolean | null;
}

/** One page of the runs list (`pageRuns`). */
export interface RunPage {
  runs: RunSummary[];
  /** Runs matching the filters; counted when the page does not continue after a run (`after`), null otherwise. */
  total: number | null;
  /** More runs follow this page. */
  more: boolean;
}

/** One page of a ledger search (`searchLedger`), newest first. */
export interface LedgerPageView {
  entries: LedgerEntryView[];
  /** Give it back as `cursor` for the next, older page; null when nothing older matches. */
  nextCursor: string | null;
  /**
   * A text search reads a bounded stretch of the ledger per call. When it stopped there before the page was full,
   * the time of the oldest entry it read (the search goes on from `nextCursor`); null otherwise.
   */
  searchedBackTo: number | null;
}

/** A long verify or export in progress, started with an `operationId` the console chose. */
export interface LongOperationView {
  operationId: string;
  kind: 'verify' | 'export';
  /** Entries done so far, and how many there are when known. */
  done: number;
  total: number | null;
  /** A cancel was asked for; it takes effect between chunks. */
  cancelling: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Calls

const runStatus = z.enum(['running', 'completed', 'needs_attention', 'cancelled']);
const id = z.string().min(1).max(200);
const actor = z.object({ who: z.string().trim().min(1).max(120), why: z.string().trim().min(1).max(2_000) });
const version = z.enum(['pinned', 'current']).default('pinned');
const operationId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'an operation id is 8 to 64 letters, digits or dashes');

/** Declares a call returning `O`: its input schema (validated by every shell) and its result type (a phantom). */
function call<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({ input, output: undefined as O });
}

// Creating and editing webhook endpoints ------------------------------------------------------------------

/** How an endpoint gets back deliveries missed while Keel was unreachable (main/core/catch-up.ts). */
export interface EndpointCatchUpView {
  mode: 'event-list' | 'retries-only';
  label: string;
  detail: string;
}

/** One setting of a verifier provider, as the endpoint form asks for it. */
export interface EndpointSettingField {
  name: string;
  label: string;
  /** `list`: several texts (Stripe's event types); `datetime`: a moment, kept as epoch ms. */
  type: 'text' | 'number' | 'boolean' | 'choice' | 'list' | 'datetime';
  required: boolean;
  choices?: string[];
  /** What the verifier uses when the field is left empty. */
  default?: unknown;
  placeholder?: string;
  description?: string;
}

/** A verifier provider an endpoint can use: what its settings are and where its signing secret comes from. */
export interface EndpointProviderView {
  provider: string;
  title: string;
  /** False only for `none`: anyone who knows the URL can start runs. */
  authenticates: boolean;
  /**
   * `provider`: paste the secret the provider shows; `provider-or-keel`: paste one, or let Keel generate it (Keel
   * makes the secret and you give it to the sender); `none`: no secret (the `none` verifier).
   */
  secretSource: 'provider' | 'provider-or-keel' | 'none';
  /** One line: where the provider shows (or takes) the signing secret. */
  secretHint: string;
  fields: EndpointSettingField[];
  catchUp: EndpointCatchUpView;
}

export interface EndpointSavedView {
  endpoint: EndpointView;
  created: boolean;
  /** The signing secret this save added (kept only in the keychain, by this name), and whether it was pasted or generated. */
  secret: { name: string; kind: 'given' | 'generated' } | null;
}

/** As the intake's HOOK_PATH reads a slug from `/hooks/<slug>` (main/intake/intake.ts). */
const endpointSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug is 1 to 63 lower-case letters, digits or dashes, starting with a letter or digit');
/** Must be true to use (or turn on) the `none` verifier: unsafe, anyone who knows the URL can start runs. */
const allowUnsigned = z.boolean().default(false);

const endpointEditingCalls = {
  /** Every verifier provider an endpoint can use, with its settings and where its signing secret is found. */
  listEndpointProviders: call<EndpointProviderView[]>()(z.object({})),
  /**
   * Creates (`mode: create`) or changes (`mode: update`) an endpoint: its workflow, verifier and settings (each
   * checked by that verifier, errors name the field), whether it takes deliveries, and optionally a signing
   * secret to add: the provider's (pasted) or one Keel generates where the provider allows it. The value goes
   * to the keychain only. Recorded in the ledger with before and after.
   */
  saveEndpoint: call<EndpointSavedView>()(
    z.object({
      mode: z.enum(['create', 'update']),
      slug: endpointSlug,
      workflowId: id,
      verifier: z.looseObject({ provider: z.string().trim().min(1).max(60) }),
      enabled: z.boolean(),
      secret: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('given'), value: z.string().trim().min(8).max(2_000) }),
          z.object({ kind: z.literal('generate') }),
        ])
        .optional(),
      allowUnsigned,
      actor,
    }),
  ),
  /** Turns an endpoint off (deliveries get 404 "turned off"; its history stays) or on again. Recorded. */
  setEndpointEnabled: call<EndpointView>()(z.object({ slug: endpointSlug, enabled: z.boolean(), allowUnsigned, actor })),
};

export const consoleCalls = {
  getAppInfo: call<AppInfo>()(z.object({})),
  listRuns: call<RunSummary[]>()(
    z.object({ status: runStatus.optional(), limit: z.number().int().min(1).max(10_000).optional() }),
  ),
  getRun: call<RunDetail>()(z.object({ runId: id })),
  listWorkflows: call<WorkflowSummary[]>()(z.object({})),
  listEndpoints: call<EndpointView[]>()(z.object({})),
  listLedger: call<LedgerEntryView[]>()(
    z.object({ runId: id.optional(), limit: z.number().int().min(1).max(1000).optional() }),
  ),
  /** Sends a waiting or stuck step again now, with a fresh retry budget. */
  retryStep: call<RunDetail>()(z.object({ runId: id, stepId: id, actor })),
  /** Runs a step again with edited input (checked against the action's schema), and every step after it. */
  retryFromStep: call<RunDetail>()(z.object({ runId: id, stepId: id, input: z.unknown(), actor })),
  /** Marks an unfinished step skipped with the operator's note; what needs it is skipped too. */
  skipStep: call<RunDetail>()(z.object({ runId: id, stepId: id, actor })),
  /** Stops a run; with `compensate`, the compensations of the steps that succeeded run first. */
  cancelRun: call<RunDetail>()(z.object({ runId: id, compensate: z.boolean().default(false), actor })),
  /** A new run with the same trigger, on the pinned or the current workflow version. */
  replayRun: call<{ runId: string }>()(z.object({ runId: id, version, actor })),
  /** Replays every run matching the filter. */
  bulkReplay: call<{ runIds: string[] }>()(
    z.object({
      filter: z.object({
        status: runStatus.optional(), workflowId: id.optional(), clientKey: id.optional(), from: z.number().optional(), to: z.number().optional(),
        /** Only these runs (the operator's selection), within the rest of the filter. */
        runIds: z.array(id).min(1).max(1000).optional(),
      }),
      version,
      actor,
    }),
  ),
  /** Runs that need a person, oldest first, with the reason. */
  listAttention: call<AttentionItem[]>()(z.object({})),
  /** The HTTP exchanges of a run (or one attempt), in order. */
  listExchanges: call<ExchangeView[]>()(z.object({ runId: id, attemptId: id.optional() })),
  getWorkflow: call<WorkflowDetail>()(z.object({ workflowId: id, version: z.number().int().min(1).optional() })),
  /** Validates a workflow document without saving it. */
  checkWorkflow: call<WorkflowCheck>()(z.object({ document: z.unknown() })),
  /** Publishes a new version; runs already started stay on theirs. */
  saveWorkflow: call<WorkflowDetail>()(z.object({ document: z.unknown(), note: z.string().max(500).optional(), actor })),
  /** What a workflow document would do with a recorded delivery's payload (or a given one), before publishing. */
  dryRunWorkflow: call<DryRunResult>()(z.object({ document: z.unknown(), deliveryId: id.optional(), trigger: z.unknown().optional() })),
  /**
   * What a workflow step may be: every `connector.action` with the top-level fields of its input (as a step writes
   * them, before defaults), and the engine's defaults for a retry policy and an attempt timeout a step leaves out.
   */
  listConnectorActions: call<{
    actions: {
      /** As a step writes it, e.g. `slack.postMessage`. */
      action: string;
      connector: string;
      connectorTitle: string;
      title: string;
      fields: {
        name: string;
        type: 'text' | 'number' | 'boolean' | 'choice' | 'list' | 'object' | 'any';
        required: boolean;
        /** A text field's format, e.g. `email`, `uri`. */
        format?: string;
        choices?: string[];
        default?: unknown;
        description?: string;
      }[];
    }[];
    defaults: {
      retry: { maxAttempts: number; initialDelayMs: number; multiplier: number; maxDelayMs: number; deadlineMs: number };
      timeoutMs: number;
    };
  }>()(z.object({})),
  listDeliveries: call<DeliveryView[]>()(z.object({ endpoint: id.optional(), limit: z.number().int().min(1).max(1000).optional() })),
  /** Starts a new run from a stored accepted delivery. */
  replayDelivery: call<{ runId: string }>()(z.object({ deliveryId: id, actor })),
  /** Walks the whole ledger chain and says whether it is intact. */
  verifyLedger: call<LedgerVerdict>()(z.object({ operationId: operationId.optional() })),
  /**
   * Adds a signing secret to an endpoint: the provider's (given) or a new one Keel generates. Both the old and the
   * new are accepted until the old one is retired, so a rotation needs no downtime.
   */
  addEndpointSecret: call<EndpointView>()(z.object({ slug: id, value: z.string().trim().min(8).max(2_000).optional(), actor })),
  /** Stops accepting one of an endpoint's signing secrets and removes it from the keychain. */
  retireEndpointSecret: call<EndpointView>()(z.object({ slug: id, name: id, actor })),
  ...endpointEditingCalls,
  /** Writes an export of the ledger (or of part of it) into the data folder's exports/, and records that it did. */
  exportLedger: call<LedgerExportView>()(
    z.object({
      format: z.enum(['csv', 'xlsx', 'pdf']),
      from: z.number().optional(),
      to: z.number().optional(),
      workflowId: id.optional(),
      clientKey: id.optional(),
      connector: id.optional(),
      /** Lets the console follow (`getOperation`) and cancel (`cancelOperation`) the export. */
      operationId: operationId.optional(),
      actor,
    }),
  ),
  /** JSON paths redacted before anything is written (delivery payloads, JSON bodies of recorded exchanges). */
  getRedactionPaths: call<{ paths: string[] }>()(z.object({})),
  setRedactionPaths: call<{ paths: string[] }>()(z.object({ paths: z.array(z.string().trim().min(1).max(300)).max(100), actor })),
  getTunnel: call<TunnelView>()(z.object({})),
  /** Saves tunnel settings (validated) and restarts the tunnel with them. */
  configureTunnel: call<TunnelView>()(z.object({ settings: z.record(z.string(), z.unknown()), actor })),
  /** Tries to connect again now (after an error a retry cannot heal by itself). */
  retryTunnel: call<TunnelView>()(z.object({})),
  listConnections: call<ConnectionsView>()(z.object({})),
  /** Stores a credential in the OS keychain; the connector switches from the sandbox to the provider at once. */
  setCredential: call<ConnectionView>()(
    z.object({
      connector: id,
      value: z.string().trim().min(8).max(20_000),
      /** What the value is; without it Keel recognises it (a JSON key file, or a pasted token). */
      kind: z.enum(['token', 'oauth', 'service_account']).optional(),
      /** A user a service account acts as (Google domain-wide delegation). */
      impersonate: z.email().max(320).optional(),
      actor,
    }),
  ),
  removeCredential: call<ConnectionView>()(z.object({ connector: id, actor })),
  /** One harmless authenticated call: ok, bad credential, missing scope or unreachable. */
  testConnection: call<ConnectionCheckView>()(z.object({ connector: id })),
  /**
   * "Sign in with Google" (OAuth for installed apps): listens on 127.0.0.1 for Google's answer (PKCE, state) and
   * answers the authorization URL to open. The OAuth client (a Desktop app client) is its downloaded JSON or its id
   * and secret; with neither, the client of the current sign-in is used again. Signed in, the refresh token goes to
   * the keychain and Google Drive leaves the sandbox.
   */
  startGoogleSignIn: call<GoogleSignInView>()(
    z.object({
      clientJson: z.string().trim().min(2).max(20_000).optional(),
      clientId: z.string().trim().min(1).max(300).optional(),
      clientSecret: z.string().trim().min(1).max(300).optional(),
      actor,
    }),
  ),
  googleSignInStatus: call<GoogleSignInView>()(z.object({ id })),
  /** Stops waiting for Google's answer (closes the listener). */
  cancelGoogleSignIn: call<GoogleSignInView>()(z.object({ id })),
  sendDemoContracts: call<DemoContractsSent>()(
    z.object({
      count: z.number().int().min(1).max(1000),
      plan: z.string().min(1).max(40).optional(),
      /** The client's email, as typed on the contract (a mistyped one shows how a run gets fixed). */
      email: z.string().min(1).max(200).optional(),
    }),
  ),
  getIntakeState: call<IntakeStateView>()(z.object({})),
  /** Stops taking webhooks: senders get 503 + Retry-After and retry later; nothing is stored meanwhile. Recorded. */
  pauseIntake: call<IntakeStateView>()(z.object({ actor })),
  resumeIntake: call<IntakeStateView>()(z.object({ actor })),
  /** The desktop app's own settings; the headless shell answers `unavailable`. */
  getDesktopSettings: call<DesktopSettingsView>()(z.object({})),
  setStartAtLogin: call<DesktopSettingsView>()(z.object({ enabled: z.boolean() })),
  /**
   * The runs list a page at a time, newest first, every filter applied over all runs. Page on with `after`, the
   * last run shown (a keyset cursor: stable while new runs arrive); `offset` skips runs (a jump down the list).
   */
  pageRuns: call<RunPage>()(
    z.object({
      status: runStatus.optional(),
      workflowId: id.optional(),
      /** A prefix of the client key, in any case. */
      clientKey: z.string().trim().min(1).max(200).optional(),
      /** Anywhere in the client key, run id or workflow name, in any case. */
      text: z.string().trim().min(1).max(200).optional(),
      from: z.number().int().optional(),
      to: z.number().int().optional(),
      after: z.object({ createdAt: z.number().int(), id }).optional(),
      offset: z.number().int().min(0).max(100_000_000).optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
  ),
  /** Ledger entries newest first, searched over the whole ledger, a page at a time (`cursor` from the last page). */
  searchLedger: call<LedgerPageView>()(
    z.object({
      kinds: z.array(z.string().min(1).max(60)).min(1).max(20).optional(),
      runId: id.optional(),
      clientKey: id.optional(),
      /** Anywhere in the kind, client, run, step, connector or payload, in any case. */
      text: z.string().trim().min(1).max(200).optional(),
      from: z.number().int().optional(),
      to: z.number().int().optional(),
      cursor: z.string().min(1).max(500).optional(),
      limit: z.number().int().min(1).max(200).default(100),
    }),
  ),
  /**
   * A new run from this run's trigger as the operator edited it (a typo in the payload itself, which no step
   * retry can fix). The edit is checked the way the workflow reads it; the new run is linked to this one, which
   * is cancelled unless `cancelOriginal` is false.
   */
  replayWithTrigger: call<{ runId: string }>()(
    z.object({ runId: id, trigger: z.unknown(), version, cancelOriginal: z.boolean().default(true), actor }),
  ),
  /** A long verify or export started with this id: how far it is; null once it has finished. */
  getOperation: call<LongOperationView | null>()(z.object({ operationId })),
  /** Asks a long verify or export to stop between chunks (an export's partial file is removed, and the ledger says so). */
  cancelOperation: call<{ cancelling: boolean }>()(z.object({ operationId })),
};

export type ConsoleCallName = keyof typeof consoleCalls;
/** What a caller passes (before validation). */
export type CallInput<K extends ConsoleCallName> = z.input<(typeof consoleCalls)[K]['input']>;
/** What a handler receives (after validation). */
export type CallArgs<K extends ConsoleCallName> = z.output<(typeof consoleCalls)[K]['input']>;
export type CallOutput<K extends ConsoleCallName> = (typeof consoleCalls)[K]['output'];
export const consoleCallNames = Object.keys(consoleCalls) as ConsoleCallName[];

/** The console API as the renderer sees it, whichever shell carries it. */
export type ConsoleApi = {
  [K in ConsoleCallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
};

// ---------------------------------------------------------------------------------------------------------
// Events (main -> renderer)

export interface ConsoleEvents {
  /** A run was created or changed state. */
  'run.changed': RunSummary;
  /** A run entered "needs attention": once per entry, for a desktop notification. */
  'run.needsAttention': { run: RunSummary; reason: string };
  /** The tunnel connected, dropped, or is retrying. */
  'tunnel.changed': TunnelStatusView;
  /** The intake was paused or resumed (from the console or the tray). */
  'intake.changed': IntakeStateView;
}
export type ConsoleEventName = keyof ConsoleEvents;
export const consoleEventNames: ConsoleEventName[] = ['run.changed', 'run.needsAttention', 'tunnel.changed', 'intake.changed'];

export interface ConsoleEventSource {
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends ConsoleEventName>(event: E, listener: (payload: ConsoleEvents[E]) => void): () => void;
}

/** What the Electron preload exposes as `window.keel`. */
export interface KeelBridge extends ConsoleEventSource {
  call<K extends ConsoleCallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
}

export const ipcChannels = { call: 'keel:call', event: 'keel:event' } as const;
