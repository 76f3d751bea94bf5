import { enumWord } from '../graphql/enum-words.ts';
export interface GateReportView {
  passed: boolean;
  images: number;
  experiment: string;
  subset: string;
  referenceVersionId?: string | null;
  checks: readonly { passed: boolean; summary: string }[];
  skippedImages: readonly { imageId: string; reason: string }[];
  error?: { message: string } | null;
}

/** What an alias move's gate measured, in words: each check with its values and tolerance, failures first. */
export function GateReport({ report }: { report: GateReportView }) {
  const against = report.referenceVersionId ? 'the version the alias named' : 'the ground truth';
  const checks = [...report.checks].sort((a, b) => Number(a.passed) - Number(b.passed));
  return (
    <details open={!report.passed}>
      <summary>
        Gate {report.passed ? 'passed' : 'failed'}: {report.images} image{report.images === 1 ? '' : 's'} of {report.experiment}/{enumWord(report.subset)} against {against}
      </summary>
      {report.error && <p role="alert">Not evaluated: {report.error.message}</p>}
      <ul aria-label="Gate checks">
        {checks.map((check) => (
          <li key={check.summary} class={check.passed ? undefined : 'gate-failed'}>
            {check.summary}
          </li>
        ))}
        {report.skippedImages.map((skipped) => (
          <li key={skipped.imageId}>
            Image <code>{skipped.imageId.slice(0, 8)}</code> not compared: {skipped.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
