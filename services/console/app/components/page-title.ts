import { useEffect } from 'preact/hooks';

/** Each page names itself in the tab (and for screen readers, which announce the title). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · MicroSeg` : 'MicroSeg console';
  }, [title]);
}
