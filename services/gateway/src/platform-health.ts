import { HEALTH_REPORT_STALE_AFTER_MS, SERVICE_NAMES, type ServiceHealth, type ServiceName, healthContract, healthReport } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { request, subscribeNotices } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import { redactInternals } from './redact-internals.ts';

type Status = ServiceHealth['status'];

export interface ServiceHealthAnswer {
  service: string;
  status: Status;
  version: string | null;
  instance: string | null;
  uptimeSeconds: number | null;
  checks: { name: string; ok: boolean; detail: string | null }[];
}

export interface PlatformHealth {
  status: Status;
  services: ServiceHealthAnswer[];
}

const RANK: Readonly<Record<Status, number>> = { up: 2, degraded: 1, down: 0 };

/**
 * The platform's health as the services last reported it (`microseg.health.v1.<service>`): the
 * gateway answers `health` from here, so probes, launchers and dashboards polling it cost the
 * services nothing. Each instance's latest report counts until it is HEALTH_REPORT_STALE_AFTER_MS
 * old; a service is as healthy as its healthiest instance, and down without a fresh report. Both
 * answers (with internals for key holders, without for anonymous callers) are built once per
 * change, not per query.
 */
export class PlatformHealthView {
  private readonly instances = new Map<string, { report: ServiceHealth; receivedAt: number }>();
  private answers: { full: PlatformHealth; public: PlatformHealth; validUntil: number } | undefined;

  constructor(
    private readonly staleAfterMs = HEALTH_REPORT_STALE_AFTER_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A service instance's report: it replaces that instance's previous one. */
  record(report: ServiceHealth): void {
    this.instances.set(report.instance, { report, receivedAt: this.now() });
    this.answers = undefined;
  }

  /** Whether an instance of the service has reported recently (the gateway asks those that have not when it starts). */
  hasFreshReport(service: ServiceName): boolean {
    const now = this.now();
    for (const { report, receivedAt } of this.instances.values()) if (report.service === service && now - receivedAt < this.staleAfterMs) return true;
    return false;
  }

  /** With versions, instances, uptimes and check details: for callers with a key. */
  current(): PlatformHealth {
    return this.answersNow().full;
  }

  /**
   * What a caller without a key learns: whether each service is up and which checks fail, not the
   * versions, instances, uptimes and failure details an attacker would use to pick a target.
   */
  publicView(): PlatformHealth {
    return this.answersNow().public;
  }

  private answersNow() {
    const now = this.now();
    if (this.answers && now < this.answers.validUntil) return this.answers;
    let validUntil = Number.POSITIVE_INFINITY;
    const services = SERVICE_NAMES.map((service): ServiceHealthAnswer => {
      let best: { report: ServiceHealth; receivedAt: number } | undefined;
      let lastHeard: number | undefined;
      for (const [instance, entry] of this.instances) {
        if (entry.report.service !== service) continue;
        const age = now - entry.receivedAt;
        // An instance gone for a long while (replaced on restart) is forgotten.
        if (age >= 10 * this.staleAfterMs) {
          this.instances.delete(instance);
          continue;
        }
        lastHeard = Math.max(lastHeard ?? entry.receivedAt, entry.receivedAt);
        if (age >= this.staleAfterMs) continue;
        // The answer changes when this report goes stale.
        validUntil = Math.min(validUntil, entry.receivedAt + this.staleAfterMs);
        if (!best || RANK[entry.report.status] > RANK[best.report.status] || (RANK[entry.report.status] === RANK[best.report.status] && entry.receivedAt > best.receivedAt)) {
          best = entry;
        }
      }
      if (!best) {
        const detail = lastHeard === undefined ? 'no health report yet' : `no health report for ${Math.round((now - lastHeard) / 1000)} s`;
        return { service, status: 'down', version: null, instance: null, uptimeSeconds: null, checks: [{ name: 'reporting', ok: false, detail }] };
      }
      const { report, receivedAt } = best;
      return {
        service,
        status: report.status,
        version: report.version,
        instance: report.instance,
        uptimeSeconds: report.uptimeSeconds + Math.round((now - receivedAt) / 1000),
        checks: report.checks.map((check) => ({ name: check.name, ok: check.ok, detail: check.detail === undefined ? null : redactInternals(check.detail) })),
      };
    });
    const statuses = services.map((s) => s.status);
    const status: Status = statuses.every((s) => s === 'up') ? 'up' : statuses.some((s) => s === 'up' || s === 'degraded') ? 'degraded' : 'down';
    const full = { status, services };
    const publicView = {
      status,
      services: services.map((service) => ({
        ...service,
        version: null,
        instance: null,
        uptimeSeconds: null,
        checks: service.checks.map((check) => ({ ...check, detail: null })),
      })),
    };
    // Uptimes move on: rebuilt at least every second even when nothing else changes.
    this.answers = { full, public: publicView, validUntil: Math.min(validUntil, now + 1_000) };
    return this.answers;
  }
}

/**
 * Keeps the view up to date from every service's reports; when the gateway starts, it asks each
 * service once so that `health` is right before the first reports come in.
 */
export function watchPlatformHealth(
  nc: NatsConnection,
  view: PlatformHealthView,
  options: { logger: Logger; askTimeoutMs: number },
): { stop(): void } {
  const subscriptions = SERVICE_NAMES.map((service) =>
    subscribeNotices(
      nc,
      healthReport(service),
      (report) => {
        // NATS permissions let only the service publish its subject; a report must also name it.
        if (report.service === service) view.record(report);
      },
      (error) => options.logger.warn({ err: error, service }, 'unreadable health report ignored'),
    ),
  );
  for (const service of SERVICE_NAMES) {
    request(nc, healthContract(service), {}, { timeoutMs: options.askTimeoutMs }).then(
      (report) => {
        if (report.service === service && !view.hasFreshReport(service)) view.record(report);
      },
      () => undefined, // not running yet: its first report will say when it is
    );
  }
  return { stop: () => subscriptions.forEach((subscription) => subscription.unsubscribe()) };
}
