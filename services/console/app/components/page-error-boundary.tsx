import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

/** A page that throws while drawing says so, keeping the header and navigation, never a blank page. */
export function PageErrorBoundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary() as [unknown, () => void];
  if (error) {
    return (
      <div class="error" role="alert">
        <p>This page failed to draw: {error instanceof Error ? error.message : 'an unexpected error'}</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children}</>;
}
