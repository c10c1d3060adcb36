import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { signInPath, useAuth } from "./AuthProvider";

/** A page that needs a session: without one, sign in first and come back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, ended } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to={signInPath(ended, `${location.pathname}${location.search}`)} replace />;
  return children;
}
