import { useLocation } from 'preact-iso';
import type { ImageFilter, SplitSubset } from '../generated/graphql.ts';

// The URL keeps the readable lower-case words (split=Super1:train); the API takes ALL_CAPS.
const SUBSETS: Readonly<Record<string, SplitSubset>> = { train: 'TRAIN', val: 'VAL', test: 'TEST' };

/** The grid's filter from the page URL (split=EXPERIMENT:SUBSET, lims=ID, mask=yes|no); null for none. */
export function imageFilterFromQuery(query: Record<string, string>): ImageFilter | null {
  const filter: ImageFilter = {};
  const [experiment, subset] = (query['split'] ?? '').split(':');
  if (experiment) filter.experiment = experiment;
  const chosen = subset ? SUBSETS[subset] : undefined;
  if (chosen) filter.subset = chosen;
  if (query['lims']) filter.limsId = query['lims'];
  if (query['mask'] === 'yes' || query['mask'] === 'no') filter.hasMask = query['mask'] === 'yes';
  return Object.keys(filter).length > 0 ? filter : null;
}

export function ImageFilters({ experiments, query }: { experiments: readonly string[]; query: Record<string, string> }) {
  const { path, route } = useLocation();
  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const name of ['split', 'lims', 'mask']) {
      const field = form.get(name);
      const value = typeof field === 'string' ? field.trim() : '';
      if (value) params.set(name, value);
    }
    const search = params.toString();
    route(search ? `${path}?${search}` : path);
  };
  // Keyed by the URL so the fields show the filter in force after back/forward navigation.
  return (
    <form class="filters" onSubmit={apply} key={JSON.stringify(query)} aria-label="Image filters">
      <label>
        Split
        <select name="split" defaultValue={query['split'] ?? ''}>
          <option value="">All images</option>
          {experiments.map((name) => [
            <option key={name} value={name}>
              {name}: any subset
            </option>,
            ...Object.keys(SUBSETS).map((subset) => (
              <option key={`${name}:${subset}`} value={`${name}:${subset}`}>
                {name}: {subset}
              </option>
            )),
          ])}
        </select>
      </label>
      <label>
        LIMS sample id
        <input name="lims" type="search" defaultValue={query['lims'] ?? ''} />
      </label>
      <label>
        Mask
        <select name="mask" defaultValue={query['mask'] ?? ''}>
          <option value="">Any</option>
          <option value="yes">With a manual mask</option>
          <option value="no">Without a manual mask</option>
        </select>
      </label>
      <button type="submit">Filter</button>
      <a href={path}>Clear</a>
    </form>
  );
}
