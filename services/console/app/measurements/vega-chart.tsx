import { useEffect, useRef, useState } from 'preact/hooks';
import type { TopLevelSpec } from 'vega-lite';
import { enumWord } from '../graphql/enum-words.ts';

export interface PlotSpecView {
  kind: string;
  title: string;
  description: string;
  spec: unknown;
}

/**
 * Draws one of metrology's Vega-Lite specs as SVG in the page (Vega's SVG renderer labels the
 * chart with the spec's description, so screen readers get the numbers). Vega and Vega-Lite load
 * with the first chart, so pages without one do not wait for them.
 */
export function VegaChart({ plot }: { plot: PlotSpecView }) {
  const container = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let finalize = () => {};
    let cancelled = false;
    setDrawn(false);
    setProblem(null);
    void (async () => {
      const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
      const element = container.current;
      if (cancelled || !element) return;
      // The figure's caption carries the title; drawn in the chart too it would say it twice.
      const { title: _title, ...untitled } = plot.spec as TopLevelSpec;
      const view = new vega.View(vega.parse(vegaLite.compile(untitled).spec), { renderer: 'svg', container: element, hover: false });
      finalize = () => view.finalize();
      await view.runAsync();
      if (!cancelled) setDrawn(true);
    })().catch((error: unknown) => {
      if (!cancelled) setProblem(`This plot could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
    });
    return () => {
      cancelled = true;
      finalize();
    };
  }, [plot.spec]);
  return (
    <figure class="chart" data-kind={enumWord(plot.kind)} aria-busy={!drawn && !problem}>
      <figcaption>{plot.title}</figcaption>
      <div ref={container} class="chart-view" />
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </figure>
  );
}

/** Every plot of a measurement set or pooled source, in the order metrology made them. */
export function MeasurementPlots({ specs }: { specs: readonly PlotSpecView[] }) {
  if (specs.length === 0) return null;
  return (
    <div class="plots">
      {specs.map((plot) => (
        <VegaChart key={plot.kind} plot={plot} />
      ))}
    </div>
  );
}
