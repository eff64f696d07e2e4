/** The signed-in user: GET /api/account/me; a 401 means "not signed in", not an error. */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, type Me } from './api.ts';

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
