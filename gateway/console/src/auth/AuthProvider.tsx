/**
 * Who is signed in, the API client that calls as them, and the two ways a session ends: signing out, and
 * expiry (the token's `exp` passes or the API answers 401), which goes to sign-in and, once signed in
 * again, back to the page the user was on.
 */
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createApi, type ErpClient } from "../api/client";
import { clearSession, isExpired, loadSession, saveSession, sessionFromToken, EXPIRY_MARGIN_SECONDS, type Session } from "./session";

export type EndReason = "expired" | "signed-out";

interface AuthContextValue {
  session: Session | null;
  /** Why the last session ended, for the sign-in page (RequireAuth sends the user there). */
  ended: EndReason | null;
  roles: readonly string[];
  api: ErpClient;
  /** Keep the token the gateway issued; false if it is not a usable token. */
  signIn(token: string): boolean;
  signOut(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** After expiry, sign-in returns to `from`; after signing out, to the home page. */
export function signInPath(reason: EndReason | null, from: string): string {
  const query = new URLSearchParams();
  if (reason) query.set("reason", reason);
  if (reason !== "signed-out" && from !== "/") query.set("from", from);
  const text = query.toString();
  return text ? `/sign-in?${text}` : "/sign-in";
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [ended, setEnded] = useState<EndReason | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const queryClient = useQueryClient();

  // Ending only clears the session: RequireAuth, on the page the user is on, sends them to sign in.
  const end = useCallback(
    (reason: EndReason) => {
      if (sessionRef.current === null) return;
      clearSession();
      sessionRef.current = null;
      setEnded(reason);
      setSession(null);
      queryClient.clear();
    },
    [queryClient],
  );

  const api = useMemo(
    () =>
      createApi({
        baseUrl: window.location.origin,
        session: {
          token: () => {
            const current = sessionRef.current;
            return current && !isExpired(current.claims) ? current.token : null;
          },
          onExpired: () => end("expired"),
        },
      }),
    [end],
  );

  useEffect(() => {
    if (!session) return;
    const remaining = (session.claims.exp - EXPIRY_MARGIN_SECONDS) * 1000 - Date.now();
    const timer = setTimeout(() => end("expired"), Math.min(Math.max(remaining, 0), MAX_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [session, end]);

  const value = useMemo<AuthContextValue>(
    () => ({
      session,
      ended,
      roles: session?.claims.roles ?? [],
      api,
      signIn(token) {
        const next = sessionFromToken(token);
        if (!next || isExpired(next.claims)) return false;
        queryClient.clear();
        saveSession(next);
        sessionRef.current = next;
        setSession(next);
        setEnded(null);
        return true;
      },
      signOut: () => end("signed-out"),
    }),
    [session, ended, api, end, queryClient],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}
