/** Pages behind sign-in: wait for `me`, send strangers to the sign-in page. */
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMe } from './auth.ts';
import { Loading } from './components/status.tsx';

export function RequireUser({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  return children;
}
