import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorised, setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import { ApiError } from '../api/errors';
import type { Session, User } from '../api/types';
import { setLanguage } from '../i18n';
import { permissionsOf, type Permissions } from './permissions';

interface AuthState {
  /** undefined while the first /me is in flight */
  user: User | null | undefined;
  can: Permissions;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** After a profile change: the new user record (and token, when the server rotates it). */
  replace(next: User | Session): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const queryClient = useQueryClient();

  const adopt = useCallback((session: Session | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setUser(session?.user ?? null);
    if (session?.user.locale) setLanguage(session.user.locale);
  }, []);

  useEffect(() => {
    let cancelled = false;
    authApi
      .me()
      .then((session) => !cancelled && adopt(session))
      .catch((error) => {
        if (cancelled) return;
        // 401 is "not signed in"; anything else too, but the sign-in page will show the real error on submit.
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('session check failed', error);
        adopt(null);
      });
    return () => {
      cancelled = true;
    };
  }, [adopt]);

  useEffect(
    () =>
      onUnauthorised(() => {
        setCsrfToken(null);
        setUser(null);
        queryClient.clear();
      }),
    [queryClient],
  );

  const value = useMemo<AuthState>(
    () => ({
      user,
      can: permissionsOf(user?.role),
      signIn: async (email, password) => adopt(await authApi.login(email, password)),
      signOut: async () => {
        try {
          await authApi.logout();
        } finally {
          adopt(null);
          queryClient.clear();
        }
      },
      replace: (next) => {
        if ('csrfToken' in next) adopt(next);
        else {
          setUser(next);
          if (next.locale) setLanguage(next.locale);
        }
      },
    }),
    [user, adopt, queryClient],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** Shorthand for the current user's permissions. */
export function useCan(): Permissions {
  return useAuth().can;
}
