/** The signed-in user: GET /api/account/me; a 401 means "not signed in", not an error. */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { ApiError, api, type Me, resetCsrf } from './api.ts';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>('/api/account/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 30_000,
  });
}

/**
 * After this browser's session ended (sign-out, the emergency lock, ending this session): nothing
 * of the person's stays cached and the CSRF token is fetched afresh; then navigate to sign-in.
 * clear() notifies nobody, so the page being left does not redirect on its own (which would drop
 * the navigation's state, such as the lock's notice); the layout, which stays mounted, reads `me`
 * again on the navigation (app.tsx).
 */
export function forgetSession(queryClient: QueryClient) {
  resetCsrf();
  queryClient.clear();
}
