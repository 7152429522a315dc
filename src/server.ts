import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadApiConfig, type ApiConfig } from './api-config.js';
import { secretBox, type SecretBox } from './accounts/secrets.js';
import { resolveMasterKey, verifyMasterKeyOpensStoredSecrets } from './accounts/master-key-check.js';
import type { Config } from './config.js';
import { ensureSearchIndex } from './companies/search.js';
import { ensureRelationGraph } from './companies/relations/rebuild.js';
import { ensurePersonIdentity } from './companies/relations/identity-build.js';
import { startIdentityRegrouper, type IdentityRegrouper } from './companies/relations/identity-regrouper.js';
import { ensureRegistrationKeys } from './companies/shared-counts.js';
import { openDatabase, useServingConnectionSettings, type Database } from './db/database.js';
import { startWalCheckpointer } from './db/wal-checkpointer.js';
import { systemClock, type Clock } from './ops/clock.js';
import { createMetrics, registerStateGauges } from './ops/metrics.js';
import { companyDirectory } from './orders/company-directory.js';
import { countOrdersByState, countPendingOlderThan } from './orders/orders.js';
import { reportJobHandlers } from './orders/report-job.js';
import { RETRIEVE_URL_PATH } from './protocol/report-calls.js';
import { reportFinishedCallbacks, startCallbackDispatcher, type CallbackDispatcher } from './realtime/deliveries.js';
import { sweepRealtime } from './realtime/retention.js';
import { reportInputPorts } from './orders/report-inputs.js';
import { relationFactsSource } from './orders/relation-facts-source.js';
import { reportProducer } from './orders/report-production.js';
import { createRenderPool, type ReportRenderer } from './reports/render-service.js';
import { sweepExpiredReports } from './orders/retention.js';
import type { JobQueue } from './queue/job-queue.js';
import type { BlobStore } from './storage/blob-store.js';
import { selectBlobStore, selectJobQueue } from './adapters.js';
import { buildWorkerApp, consumesJobs, servesApi, type ServeRole } from './roles.js';

export const REPORTS_DIR_NAME = 'reports';
const RETENTION_SWEEP_MS = 10 * 60_000;

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly database: Database;
  readonly secrets: SecretBox;
  /** Stops accepting, lets running requests and jobs finish (or hands jobs back), closes everything. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  readonly config: Config;
  readonly api: ApiConfig;
  readonly clock?: Clock;
  /** Runs after migrations and before listening (npm start's demo data and account). */
  readonly beforeListen?: (ctx: { database: Database; secrets: SecretBox }) => Promise<void>;
  readonly log?: (line: string) => void;
  /** `api`: HTTP only; `worker`: jobs plus /healthz, /readyz, /metrics; `all` (default): both. */
  readonly role?: ServeRole;
}

/**
 * Builds the adapters of the embedded default (SQLite or PostgreSQL, local disk, database queue),
 * listens, then starts the workers. Listening comes before any job is taken, and any failure on
 * the way (a port in use, a database that will not open) releases everything acquired so far and
 * rethrows: a server that cannot serve must not linger rendering reports with the database open.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config, api } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  // Undone in reverse order on a failed start, and by close().
  const releases: Array<() => unknown> = [];
  const releaseAll = async (): Promise<void> => {
    for (const release of releases.reverse()) {
      try {
        await release();
      } catch (err) {
        log(`while releasing: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    releases.length = 0;
  };
  try {
    // Before anything else: a process that cannot open the shared SecretKeys must not start (and
    // must not pass /readyz) rather than answer 500 to every call.
    const master = resolveMasterKey({ configured: api.masterKey, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const database = await openDatabase({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      statementTimeoutMs: api.dbStatementTimeoutMs,
      onConnectionError: log,
    });
    releases.push(() => database.close());
    const secrets = secretBox(master.key);
    if (config.databaseUrl) await verifyMasterKeyOpensStoredSecrets(database.db, secrets);
    useServingConnectionSettings(database);
    // SQLite: checkpoints on a background thread instead of on the commits of API requests.
    const checkpointer = api.sqliteCheckpointMs > 0
      ? await startWalCheckpointer(database, { intervalMs: api.sqliteCheckpointMs, niceness: api.renderNiceness, onError: (err) => log(`WAL checkpoint: ${err instanceof Error ? err.message : String(err)}`) })
      : undefined;
    if (checkpointer) releases.push(() => checkpointer.close());
    if (master.generated) log(`generated a master key for SecretKeys at ${master.file} (mode 0600); back it up, or set ZHENGXIN_MASTER_KEY`);
    const role = options.role ?? 'all';
    // Engines named by the configuration: PostgreSQL/Redis/S3 for scale-out, else the embedded ones.
    const selectedStore = await selectBlobStore(config, REPORTS_DIR_NAME);
    releases.push(() => selectedStore.close());
    const blobStore: BlobStore = selectedStore.blobStore;
    const metrics = createMetrics();
    const queue = await selectJobQueue(config, database, {
      pollMs: api.jobPollMs,
      leaseMs: api.jobLeaseMs,
      log,
      reconcileMs: api.reconcileMs,
      onReconciled: (n) => {
        metrics.reconciled.inc({ action: 'requeued' }, n.requeued);
        metrics.reconciled.inc({ action: 'revived' }, n.revived);
        metrics.reconciled.inc({ action: 'gave_up' }, n.gaveUp);
      },
    });
    const jobQueue: JobQueue = queue.jobQueue;
    // API-only processes render nothing, so they start no render threads (created after listening).
    let renderer: ReportRenderer | undefined;
    releases.push(async () => {
      await jobQueue.stop();
      await renderer?.close();
    });
    registerStateGauges(metrics, {
      queueDepth: () => jobQueue.depth(),
      ordersByState: () => countOrdersByState(database.db),
      ordersStuck: () => countPendingOlderThan(database.db, new Date(Date.now() - api.orderOverdueMs).toISOString()),
    });

    await options.beforeListen?.({ database, secrets });
    // A store that held companies before the search index existed gets its terms once, before serving.
    if (servesApi(role)) {
      const indexed = await ensureSearchIndex(database.db);
      if (indexed > 0) log(`built the search index of ${indexed} companies`);
      const started = performance.now();
      const graphed = await ensureRelationGraph(database.db);
      if (graphed > 0) log(`built the relation graph of ${graphed} companies in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      // Likewise the registration keys the shell scan counts (migration 0070).
      const keyed = await ensureRegistrationKeys(database.db);
      if (keyed > 0) log(`built the registration keys of ${keyed} companies`);
      // And the person identity kept with the graph (migration 0116).
      const identity = await ensurePersonIdentity(database.db);
      if (identity) log(`built the person identity of ${identity.names} names (${identity.rows} grouped mentions) in ${(identity.ms / 1000).toFixed(1)} s`);
    }

    // /readyz proves what start-up proved: the master key opens the stored SecretKeys.
    const readiness = config.databaseUrl ? { masterKey: () => verifyMasterKeyOpensStoredSecrets(database.db, secrets) } : undefined;
    let callbacks: CallbackDispatcher | undefined;
    const app = !servesApi(role) ? await buildWorkerApp({ database, jobQueue, blobStore, metrics, readiness, logger: { level: api.logLevel } }) : await buildApp({
      readiness,
      config: api,
      database,
      blobStore,
      jobQueue,
      directory: companyDirectory(database.db),
      secrets,
      clock,
      metrics,
      logger: { level: api.logLevel },
      onOrderCommitted: () => queue.kick(),
      onDataChanged: () => {
        callbacks?.kick();
        regrouper?.kick();
      },
    });
    releases.push(() => app.close());
    // Names a push marked dirty are regrouped where pushes arrive (any number of API processes).
    const regrouper: IdentityRegrouper | undefined = servesApi(role) ? startIdentityRegrouper(database.db, (err) => app.log.error({ err }, 'person identity regroup failed')) : undefined;
    releases.push(() => regrouper?.close());
    const address = await app.listen({ port: api.port, host: api.host });
    const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');

    // Signed callbacks go out from where jobs run (src/realtime/deliveries.ts): any number of
    // workers share them through the database.
    if (consumesJobs(role)) {
      callbacks = startCallbackDispatcher({
        db: database.db, secrets, allowPrivate: api.callbackAllowPrivate, skipLocked: database.capabilities.supportsSkipLocked, retryBaseMs: api.callbackRetryBaseMs,
        log: (line) => app.log.warn(line),
      });
      releases.push(() => callbacks?.close());
    }
    if (consumesJobs(role)) renderer = createRenderPool({ threads: api.renderThreads, niceness: api.renderNiceness });
    // Orders still P from before (a crash, a restart) are in report_jobs and are simply picked up.
    if (renderer) {
      await jobQueue.start(
        reportJobHandlers({ db: database.db, blobStore, producer: reportProducer({ db: database.db, renderer, directory: companyDirectory(database.db), staleAfterDays: api.reportStaleAfterDays, inputs: reportInputPorts(database.db, { decisionPolicy: config.decisionPolicy }), relations: relationFactsSource(database.db) }), clock, retentionDays: api.retentionDays, observeRender: metrics.observeRender,
          onOrderFinished: reportFinishedCallbacks(api.publicBaseUrl, RETRIEVE_URL_PATH),
          afterOrderFinished: () => callbacks?.kick(),
          onFailure: ({ orderNo, attempt, final, error }) => app.log[final ? 'error' : 'warn']({ orderNo, attempt, err: error }, final ? 'report given up: order F, charge refunded' : 'report attempt failed, will retry'),
        }),
        { concurrency: api.workerConcurrency },
      );
    }
    // Retention runs where jobs run (any process would do; API processes stay request-only).
    const sweep = consumesJobs(role)
      ? setInterval(() => {
        sweepExpiredReports(database.db, blobStore, clock.now()).catch((err) => app.log.error({ err }, 'retention sweep failed'));
        sweepRealtime(database.db, clock.now(), api.eventRetentionDays).catch((err) => app.log.error({ err }, 'event retention sweep failed'));
      }, RETENTION_SWEEP_MS)
      : undefined;
    sweep?.unref();
    releases.push(() => clearInterval(sweep));

    let closing: Promise<void> | undefined;
    return {
      app,
      url,
      database,
      secrets,
      close() {
        closing ??= releaseAll();
        return closing;
      },
    };
  } catch (err) {
    await releaseAll();
    throw err;
  }
}

/** Wires SIGTERM/SIGINT to a graceful close; a second signal exits at once. */
export function closeOnSignals(server: RunningServer, log: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: string) => {
      if (stopping) process.exit(1);
      stopping = true;
      log(`${signal}: shutting down (finishing running requests and jobs)`);
      server.close().then(resolve, (err) => {
        log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        resolve();
      });
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  });
}

export { loadApiConfig };
