import { usePageTitle } from '../components/page-title.ts';
import { DeliveriesSection } from './deliveries-section.tsx';
import { PoliciesSection } from './policies-section.tsx';
import { RunsSection } from './runs-section.tsx';

/** /pipeline: policies, their runs and the webhook deliveries that told the LIMS. */
export function PipelinePage() {
  usePageTitle('Pipeline');
  return (
    <section>
      <h1>Pipeline</h1>
      <PoliciesSection />
      <RunsSection />
      <DeliveriesSection />
    </section>
  );
}
