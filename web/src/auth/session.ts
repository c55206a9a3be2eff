import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, type Account } from '../api/client.ts';

export const SESSION_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Account | null> {
  try {
    return (await api<{ user: Account }>('/auth/me')).user;
  } catch (e) {
    // No session is an answer, not an error: the app shows the login page.
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

/** The logged-in account (null when logged out), loaded once and kept until a 401 says otherwise. */
export function useSession() {
  const q = useQuery({ queryKey: SESSION_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
  return { user: q.data ?? null, isLoading: q.isPending, error: q.error, refetch: q.refetch };
}

/** Any request that finds the session gone sends the user back to the login page. */
export function onUnauthenticated(client: QueryClient, error: unknown): void {
  if (isApiError(error) && error.status === 401 && error.code === 'unauthenticated') {
    client.setQueryData(SESSION_KEY, null);
  }
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api<{ user: Account; expiresAt: string }>('/auth/login', { method: 'POST', body }),
    onSuccess: (r) => {
      // Data of a previous account must not show through.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      client.setQueryData(SESSION_KEY, r.user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
