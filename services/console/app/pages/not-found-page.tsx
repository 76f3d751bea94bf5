import { usePageTitle } from '../components/page-title.ts';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. Go to the <a href="/datasets">datasets</a>.
      </p>
    </section>
  );
}
