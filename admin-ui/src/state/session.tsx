import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, setSessionLostHandler } from '../api/client';
import { ROLE_ADMIN, ROLE_ROOT, type SessionUser } from '../api/types';

/**
 * The logged-in user. The server keeps the real session in an HttpOnly cookie; the SPA keeps a copy of the
 * user (id, name, role, forced-password flag) in localStorage to draw the menu before the first API answer.
 * The server enforces every permission; this copy only decides what to show.
 */
const STORAGE_KEY = 'user';
export const LOST_KEY = 'session-lost';

function stored(): SessionUser | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as SessionUser) : null;
  } catch {
    return null;
  }
}

export type LostReason = 'expired' | 'banned' | null;

interface SessionValue {
  user: SessionUser | null;
  /** Why the last session ended without a logout, for the login page's message. */
  lost: LostReason;
  isAdmin: boolean;
  isRoot: boolean;
  mustChangePassword: boolean;
  login: (user: SessionUser) => void;
  logout: () => Promise<void>;
  refresh: () => Promise<SessionUser | null>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(stored);
  const [lost, setLost] = useState<LostReason>(null);
  const queryClient = useQueryClient();
  // Several calls in flight may all come back 401: only the first one redirects.
  const lostRef = useRef(false);

  const save = useCallback((next: SessionUser | null) => {
    if (next) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      lostRef.current = false;
      sessionStorage.removeItem(LOST_KEY);
      setLost(null);
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
    setUser(next);
  }, []);

  // A 401 (or a ban) ends the local session; RequireAuth then sends the page to /login with the reason, so
  // exactly one navigation happens however many calls fail at once.
  useEffect(() => {
    setSessionLostHandler((reason) => {
      if (lostRef.current) return;
      lostRef.current = true;
      const wasLoggedIn = localStorage.getItem(STORAGE_KEY) !== null;
      const why = reason === 'banned' ? 'banned' : wasLoggedIn ? 'expired' : null;
      // Kept for this tab too, in case a render races the state update before RequireAuth reads it.
      if (why) sessionStorage.setItem(LOST_KEY, why);
      setLost(why);
      save(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'status' });
    });
  }, [queryClient, save]);

  const refresh = useCallback(async () => {
    try {
      const self = await api.get<SessionUser>('/api/user/self');
      const next: SessionUser = {
        id: self.id,
        username: self.username,
        display_name: self.display_name,
        role: self.role,
        status: self.status,
        require_password_change: self.require_password_change === true,
      };
      save(next);
      return next;
    } catch {
      return null;
    }
  }, [save]);

  // The stored copy may be stale (role changed, password changed elsewhere): ask the server once per load.
  useEffect(() => {
    if (stored()) void refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    try {
      await api.get('/api/user/logout');
    } finally {
      save(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'status' });
    }
  }, [queryClient, save]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      lost,
      isAdmin: (user?.role ?? 0) >= ROLE_ADMIN,
      isRoot: (user?.role ?? 0) >= ROLE_ROOT,
      mustChangePassword: user?.require_password_change === true,
      login: save,
      logout,
      refresh,
    }),
    [user, lost, save, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
