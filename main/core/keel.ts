/**
 * The composition root: builds the store, ledger, vault, connectors, engine, intake and console service for
 * one data folder. Both shells (Electron and `keel serve`) start Keel through here and differ only in how
 * they carry the console contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDb, type Durability, type Store } from '../../db';
import { GroupCommit } from '../../db/group-commit';
import type { AppInfo } from '../../preload/api';
import { ConsoleEventHub, Coalescer } from '../console/events';
import { ReadModels } from '../console/read-models';
import { WorkflowEditing } from '../console/workflow-editing';
import { Connections } from '../console/connections';
import { EndpointSecrets } from '../console/endpoint-secrets';
import { verifyChainInSlices } from '../ledger/verify-sliced';
import { exportLedger } from '../ledger/export';
import { createConsoleHandlers } from '../console/service';
import type { ConsoleHandlers } from '../console/dispatch';
import { Engine } from '../engine/engine';
import { OperatorControls } from '../engine/operator';
import { WorkflowStore } from '../engine/workflow-store';
import { EndpointStore } from '../intake/endpoint-store';
import { Intake } from '../intake/intake';
import { Ledger } from '../ledger/ledger';
import { SecretScrubber } from '../ledger/redaction';
import { KeychainVault, type Vault } from '../vault/vault';
import { createExchangeLog } from './exchange-log';
import { InstanceLock } from './instance';
import { Notifier } from './notifications';
import { RedactionPaths } from './redaction-paths';
import { TunnelControl } from './tunnel-control';
import { IntakePause } from './intake-pause';
import type { DesktopSettingsPort } from './desktop-port';
import { createCatchUpAll } from './catch-up-all';
import { appFile, readPackageVersion } from './paths';
import { Providers } from './providers';
import { createLogger, type Logger } from './logger';
import { providerView } from '../console/endpoint-providers';

export interface KeelOptions {
  dataDir: string;
  shell: 'electron' | 'headless';
  /** Port of the webhook intake; 0 picks a free one. @default 0 */
  intakePort?: number;
  durability?: Durability;
  /** Attempts in flight at once. @default 64 */
  concurrency?: number;
  env?: NodeJS.ProcessEnv;
  vault?: Vault;
  logger?: Logger;
  /** The desktop shell's OS settings (start at login); absent in the headless shell. */
  desktop?: DesktopSettingsPort;
}

export interface Keel {
  info: AppInfo;
  handlers: ConsoleHandlers;
  events: ConsoleEventHub;
  store: Store;
  engine: Engine;
  ledger: Ledger;
  workflows: WorkflowStore;
  endpoints: EndpointStore;
  operator: OperatorControls;
  intakePause: IntakePause;
  tunnel: TunnelControl;
  vault: Vault;
  providers: Providers;
  logger: Logger;
  lock: InstanceLock;
  stop(): Promise<void>;
}

export async function startKeel(options: KeelOptions): Promise<Keel> {
  const env = options.env ?? process.env;
  const dataDir = path.resolve(options.dataDir);
  const lock = InstanceLock.acquire(dataDir);
  const logger = options.logger ?? createLogger(path.join(dataDir, 'logs'));
  let store: Store | undefined;
  try {
    store = openDb(path.join(dataDir, 'keel.db'), { durability: options.durability ?? 'full' });
    const { sqlite } = store;
    const ledger = new Ledger(sqlite);
    const vault = options.vault ?? new KeychainVault({ env, ...(env.KEEL_KEYCHAIN_SERVICE && { service: env.KEEL_KEYCHAIN_SERVICE }) });
    const scrubber = new SecretScrubber();
    const commits = new GroupCommit(sqlite, (error) => logger.error('a queued write failed', error));
    const redaction = new RedactionPaths(sqlite, ledger);
    const sink = createExchangeLog(ledger, scrubber, commits, (error) => logger.error('could not record an HTTP exchange', error), (text) => redaction.applyToText(text));
    const providers = await Providers.start({ vault, env, sink, scrubber, logger });
    const registry = providers;
    const workflows = new WorkflowStore(sqlite, ledger, (name) => registry.action(name) !== undefined);
    const endpoints = new EndpointStore(sqlite, ledger);
    const events = new ConsoleEventHub();
    const reads = new ReadModels(sqlite, workflows);
    const runChanges = new Coalescer((runIds) => {
      if (!events.listening) return;
      for (const summary of reads.runSummaries(runIds)) events.emit('run.changed', summary);
    });
    const engine = new Engine({
      sqlite, commits, ledger, workflows, registry, concurrency: options.concurrency ?? 64,
      onRunChanged: (runId) => runChanges.add(runId),
      onError: (error) => logger.error('the engine could not record an outcome; the step will resume at the next start', error),
    });
    let tunnel: TunnelControl | undefined;
    let catchUpUnlessPaused = () => {};
    const intakePause = new IntakePause({
      sqlite, ledger,
      // Stripe events refused while paused are fetched back at once on resume, rather than at Stripe's next retry.
      onChange: (view) => {
        events.emit('intake.changed', view);
        catchUpUnlessPaused();
      },
    });
    const intake = new Intake({
      sqlite, ledger, engine, endpoints, vault, commits, gate: intakePause,
      publicBaseUrl: () => tunnel?.publicUrl(),
      redactPayload: (payload) => redaction.apply(payload),
      // An Asana handshake's secret goes to the keychain; the endpoint keeps only its name.
      onHookSecret: async (slug, secret) => {
        const name = `endpoint.${slug}.hook-secret`;
        await vault.set(name, secret);
        scrubber.remember(secret);
        const endpoint = endpoints.get(slug)!;
        if (!endpoint.secretRefs.includes(name)) endpoints.save({ ...endpoint, secretRefs: [...endpoint.secretRefs, name] });
      },
    });
    const operator = new OperatorControls(engine, sqlite, ledger, workflows, registry);
    const notifier = new Notifier({
      sqlite, ledger, runs: engine.store, state: engine.state, workflows, registry, logger,
      summary: (runId) => reads.runSummary(runId),
      emit: (run, reason) => events.emit('run.needsAttention', { run, reason }),
    });

    installSamples(workflows, endpoints, logger);
    await ensureEndpointSecrets(endpoints, vault, scrubber, logger);
    const intakeUrl = await intake.listen(options.intakePort ?? 0);
    engine.start();
    const catchUp = createCatchUpAll({ sqlite, endpoints, providers, vault, sink, intake, logger });
    // Caught-up events enter through the intake's own path, past the gate: a pause must hold them back too.
    catchUpUnlessPaused = () => {
      if (!intakePause.paused) void catchUp();
    };
    tunnel = new TunnelControl({
      sqlite, ledger, vault, endpoints, intakePort: Number(new URL(intakeUrl).port), logger,
      onChange: (status) => events.emit('tunnel.changed', status),
      onUp: () => catchUpUnlessPaused(),
    });
    tunnel.start();
    catchUpUnlessPaused();
    void notifier.flush(); // alerts a previous run of Keel still owed

    const info: AppInfo = {
      version: readPackageVersion(), shell: options.shell, dataDir, sandbox: providers.sandboxed.length > 0, intakeUrl,
      startedAt: Date.now(), sandboxConnectors: providers.sandboxed,
    };
    lock.write({ pid: process.pid, startedAt: info.startedAt, shell: options.shell, consoleUrl: null, intakeUrl });
    const editing = new WorkflowEditing(sqlite, workflows, registry);
    const connections = new Connections(sqlite, ledger, vault, providers, scrubber);
    const handlers = createConsoleHandlers({
      info, reads, workflows, endpoints, vault, operator, editing, connections, tunnel, redaction,
      intakePause, ...(options.desktop && { desktop: options.desktop }),
      endpointSecrets: new EndpointSecrets(endpoints, vault, scrubber, intakeUrl),
      verifyLedger: (control) => verifyChainInSlices(sqlite, control), sandboxed: () => providers.sandboxed,
      exportLedger: async (format, filters, who, control) => {
        const name = `keel-ledger-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`;
        const file = path.join(dataDir, 'exports', name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // Recorded through this process's own connection, so it takes its place in the chain like any entry.
        const receipt = await exportLedger({ database: store!.file, format, output: file, filters, who, control, record: (entry) => ledger.append(entry) });
        return { format, file, name, entries: receipt.entries, bytes: receipt.bytes, sha256: receipt.sha256 };
      },
    });
    logger.info(`Keel ${info.version} started on ${dataDir}; intake ${intakeUrl}; sandbox: ${providers.sandboxed.join(', ') || 'none'}`);

    let stopped = false;
    const keel: Keel = {
      info, handlers, events, store, engine, ledger, vault, providers, logger, lock, workflows, endpoints, operator, intakePause, tunnel,
      async stop() {
        if (stopped) return;
        stopped = true;
        await tunnel!.stop(); // first: the outside world stops reaching us
        await intake.close(); // then: no new deliveries
        await engine.stop(); // then: attempts in flight finish or are recorded as interrupted
        await notifier.stop();
        runChanges.drain();
        connections.close(); // sign-ins still waiting for Google's answer
        await providers.close();
        commits.flush();
        store!.close();
        lock.release();
        logger.info('Keel stopped cleanly');
      },
    };
    return keel;
  } catch (error) {
    store?.close();
    lock.release();
    throw error;
  }
}

/** First start: the client-onboarding sample and its endpoint, so a new user has something to run. */
function installSamples(workflows: WorkflowStore, endpoints: EndpointStore, logger: Logger): void {
  const folder = appFile(path.join('resources', 'workflows'));
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const document = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { id: string };
    if (workflows.currentVersion(document.id) === null) {
      workflows.publish(document, `installed from resources/workflows/${file}`);
      logger.info(`installed sample workflow ${document.id}`);
    }
  }
  const samples = JSON.parse(fs.readFileSync(appFile(path.join('resources', 'endpoints.json')), 'utf8')) as Parameters<EndpointStore['save']>[0][];
  for (const sample of samples) {
    if (!endpoints.get(sample.slug) && workflows.currentVersion(sample.workflowId) !== null) {
      endpoints.save({ ...sample, enabled: true });
    }
  }
}

/**
 * A sample endpoint needs a signing secret to be usable. Keel generates one into the keychain; without a
 * keychain it holds one in memory for this run only (demo deliveries are signed by this same process).
 * Only for schemes where Keel may make the secret: one made up for Stripe or GitHub would never match what
 * they sign with, so a missing one of theirs is reported instead.
 */
async function ensureEndpointSecrets(endpoints: EndpointStore, vault: Vault, scrubber: SecretScrubber, logger: Logger): Promise<void> {
  for (const endpoint of endpoints.list()) {
    for (const ref of endpoint.secretRefs) {
      let value = await vault.get(ref).catch(() => null);
      if (!value && providerView(endpoint.verifier.provider)?.secretSource !== 'provider-or-keel') {
        logger.warn(`endpoint ${endpoint.slug}: its signing secret ${ref} is missing, so its deliveries are refused (401); paste the provider's secret in Endpoints`);
        continue;
      }
      if (!value) {
        value = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
        try {
          await vault.set(ref, value);
        } catch (error) {
          vault.holdForSession(ref, value);
          logger.warn(`the keychain is unavailable (${(error as Error).message}); endpoint ${endpoint.slug} uses a signing secret held in memory until Keel stops`);
        }
      }
      scrubber.remember(value);
    }
  }
}
