export type ReadinessCheck = () => Promise<boolean | string> | boolean | string;

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

/**
 * Named checks that together say whether the process should receive traffic. A check passes by
 * returning true or a detail string; it fails by returning false or throwing (the message becomes
 * the detail). Each check gets a time limit so one hung dependency cannot hang the probe.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private recent: { at: number; results: Promise<CheckResult[]> } | undefined;
  private draining = false;
  private started = false;

  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
    this.recent = undefined;
  }

  markDraining(): void {
    this.draining = true;
  }

  /** Until then the process is not ready, whatever its checks say: some are added while it starts. */
  markStarted(): void {
    this.started = true;
  }

  /**
   * Probes and health queries may come hundreds of times a second (the gateway's `health` fans out
   * to every service); a check that talks to a dependency runs at most once per `maxAgeMs`.
   */
  async evaluate(timeoutMs = 2_000, maxAgeMs = 1_000): Promise<CheckResult[]> {
    const now = Date.now();
    if (!this.recent || now - this.recent.at >= maxAgeMs) this.recent = { at: now, results: this.runChecks(timeoutMs) };
    const results = [...(await this.recent.results)];
    if (!this.started) results.push({ name: 'start-up', ok: false, detail: 'starting' });
    if (this.draining) results.push({ name: 'draining', ok: false, detail: 'shutting down' });
    return results;
  }

  private async runChecks(timeoutMs: number): Promise<CheckResult[]> {
    return Promise.all(
      [...this.checks].map(async ([name, check]): Promise<CheckResult> => {
        try {
          const outcome = await withTimeout(Promise.resolve(check()), timeoutMs);
          if (typeof outcome === 'string') return { name, ok: true, detail: outcome };
          return { name, ok: outcome };
        } catch (error) {
          return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
