import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { HEALTH_REPORT_INTERVAL_MS, type ServiceHealth, type ServiceName, healthContract, healthReport } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, messagingMetrics, publishNotice, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { type Tracing, startTracing } from '@microseg/telemetry';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { startHttpEndpoints } from './http-endpoints.ts';
import { Readiness, type ReadinessCheck } from './readiness.ts';

export interface ServiceRuntimeOptions {
  service: ServiceName | 'gateway';
  version: string;
  httpPort: number;
  /** HTTP_HOST: the interface of the probe and metrics endpoints (default loopback). */
  httpHost?: string;
  logger: Logger;
  /** How long draining may take before the process exits anyway. */
  drainTimeoutMs?: number;
  /** Exit the process after shutdown (false in tests). */
  exitOnShutdown?: boolean;
  /** OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_TRACES_SAMPLER_ARG; no endpoint: tracing off. */
  tracing?: { otlpEndpoint?: string | undefined; sampleRatio?: number | undefined };
}

export type ShutdownStep = () => Promise<void> | void;

/**
 * What every MicroSeg process has around its own logic: probes, metrics, a health answer on
 * NATS, and an orderly shutdown on SIGTERM/SIGINT: stop taking work first, finish or hand back
 * what is in flight, then close connections (steps run in reverse order of registration).
 */
export class ServiceRuntime {
  readonly registry = new Registry();
  readonly readiness = new Readiness();
  readonly instance = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly startedAt = Date.now();
  private readonly shutdownSteps: { name: string; step: ShutdownStep }[] = [];
  private shuttingDown: Promise<void> | undefined;
  /** Publishes a health report now (set by serveHealth). */
  private reportHealth: (() => void) | undefined;
  httpPort = 0;

  readonly tracing: Tracing;

  constructor(readonly options: ServiceRuntimeOptions) {
    this.registry.setDefaultLabels({ service: options.service });
    messagingMetrics.setDefaultLabels({ service: options.service });
    collectDefaultMetrics({ register: this.registry });
    this.tracing = startTracing({
      service: options.service,
      version: options.version,
      otlpEndpoint: options.tracing?.otlpEndpoint,
      ...(options.tracing?.sampleRatio === undefined ? {} : { sampleRatio: options.tracing.sampleRatio }),
    });
    // Registered first, so it runs last: the spans of the drain itself are exported too.
    this.onShutdown('tracing', () => this.tracing.shutdown());
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** Call once everything is wired: only then may `/readyz` and the health answer say ready. */
  markStarted(): void {
    this.readiness.markStarted();
    this.reportHealth?.();
  }

  addReadinessCheck(name: string, check: ReadinessCheck): void {
    this.readiness.add(name, check);
  }

  /** Registers a shutdown step; the last registered runs first (stop consumers before closing NATS). */
  onShutdown(name: string, step: ShutdownStep): void {
    this.shutdownSteps.push({ name, step });
  }

  async start(): Promise<void> {
    const { server, port } = await startHttpEndpoints({
      port: this.options.httpPort,
      ...(this.options.httpHost ? { host: this.options.httpHost } : {}),
      readiness: this.readiness,
      registry: this.registry,
      libraryRegistries: [messagingMetrics],
    });
    this.httpPort = port;
    this.onShutdown('http endpoints', () => new Promise<void>((resolve) => server.close(() => resolve())));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        this.logger.info({ signal }, 'shutdown requested');
        void this.shutdown();
      });
    }
    this.logger.info({ httpPort: port, instance: this.instance }, 'service runtime started');
  }

  /**
   * Reports the readiness checks on `microseg.health.v1.<service>` (at once when they change, and
   * every HEALTH_REPORT_INTERVAL_MS), the last time as `down` when the process stops; and answers
   * `microseg.<service>.v1.health` for whoever must know now (a gateway that just started).
   */
  serveHealth(nc: NatsConnection): RequestServer | undefined {
    if (this.options.service === 'gateway') return undefined;
    const service = this.options.service;
    const health = async (): Promise<ServiceHealth> => {
      const checks = await this.readiness.evaluate();
      return {
        service,
        status: checks.every((check) => check.ok) ? 'up' : 'degraded',
        version: this.options.version,
        instance: this.instance,
        uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
        checks,
      };
    };
    const server = serveRequests(nc, healthContract(service), health, {
      // Every replica answers on its own queue group per instance would fan out; one answer is enough.
      queue: `microseg.${service}.health`,
      logger: this.logger,
    });
    const contract = healthReport(service);
    const report = () => {
      if (nc.isClosed()) return;
      void health().then(
        (current) => publishNotice(nc, contract, current),
        (error: unknown) => this.logger.warn({ err: error }, 'health report failed'),
      );
    };
    this.reportHealth = report;
    const timer = setInterval(report, HEALTH_REPORT_INTERVAL_MS);
    timer.unref();
    report();
    this.onShutdown('health reports', async () => {
      clearInterval(timer);
      this.reportHealth = undefined;
      const last = await health();
      // The gateway shows the service down now rather than when the reports are overdue.
      if (!nc.isClosed()) publishNotice(nc, contract, { ...last, status: 'down', checks: [...last.checks, { name: 'stopped', ok: false, detail: 'stopped' }] });
      await server.stop();
    });
    return server;
  }

  shutdown(): Promise<void> {
    this.shuttingDown ??= this.runShutdown();
    return this.shuttingDown;
  }

  private async runShutdown(): Promise<void> {
    this.readiness.markDraining();
    this.reportHealth?.();
    const deadline = this.options.drainTimeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      this.logger.error({ deadlineMs: deadline }, 'drain took too long, exiting');
      process.exit(1);
    }, deadline);
    timer.unref();
    for (const { name, step } of [...this.shutdownSteps].reverse()) {
      try {
        await step();
      } catch (error) {
        this.logger.warn({ err: error, step: name }, 'shutdown step failed');
      }
    }
    clearTimeout(timer);
    this.logger.info('stopped');
    if (this.options.exitOnShutdown ?? true) process.exit(0);
  }
}
