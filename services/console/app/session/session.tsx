import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import { forgetApiKey, readApiKey, storeApiKey } from './api-key-storage.ts';

export interface Session {
  apiKey: string | null;
  /** Why the last session ended, when it was not the user's choice (a revoked key). */
  notice: string | null;
  signIn: (apiKey: string) => void;
  signOut: (notice?: string) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [apiKey, setApiKey] = useState(readApiKey);
  const [notice, setNotice] = useState<string | null>(null);
  const signIn = useCallback((key: string) => {
    storeApiKey(key);
    setNotice(null);
    setApiKey(key);
  }, []);
  const signOut = useCallback((why?: string) => {
    forgetApiKey();
    setNotice(why ?? null);
    setApiKey(null);
  }, []);
  const session = useMemo(() => ({ apiKey, notice, signIn, signOut }), [apiKey, notice, signIn, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
