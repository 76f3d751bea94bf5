import { useQuery } from '@urql/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { graphql } from '../generated/index.ts';
import { useSession } from '../session/session.tsx';
import { LimsSearch } from '../pipeline/lims-search.tsx';
import { ErrorMessage } from './error-message.tsx';
import { enumWord } from '../graphql/enum-words.ts';

const MeQuery = graphql(`
  query Me {
    me {
      groupId
      groupName
      role
    }
  }
`);

/** Header (who is signed in, sign-out), navigation, and the page in a main landmark. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { signOut } = useSession();
  const [{ data, error }] = useQuery({ query: MeQuery });
  const { url, path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  // After a client-side navigation, focus moves to the new page as it would on a page load.
  useEffect(() => {
    if (firstPage.current) firstPage.current = false;
    else main.current?.focus();
  }, [url]);
  return (
    <>
      <header class="top-bar">
        <a class="brand" href="/datasets">
          MicroSeg
        </a>
        <nav aria-label="Main">
          <a href="/datasets" aria-current={path === '/' || path.startsWith('/datasets') ? 'page' : undefined}>
            Datasets
          </a>
          <a href="/models" aria-current={path.startsWith('/model') ? 'page' : undefined}>
            Models
          </a>
          <a href="/training" aria-current={path.startsWith('/training') ? 'page' : undefined}>
            Training
          </a>
          <a href="/pipeline" aria-current={path.startsWith('/pipeline') ? 'page' : undefined}>
            Pipeline
          </a>
        </nav>
        <LimsSearch />
        <div class="who" data-testid="who">
          {data && (
            <>
              <span class="group-name">{data.me.groupName}</span> <span class="role">{enumWord(data.me.role)}</span>
            </>
          )}
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {error && <ErrorMessage error={error} />}
        {children}
      </main>
    </>
  );
}
