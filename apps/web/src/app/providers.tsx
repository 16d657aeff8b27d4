// The query client and what every screen shares. A 401 from any request means the session is
// gone: the session query then says "nobody", and the signed-in layout sends the user to sign in.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { ToastProvider } from '../components/ui/toast.tsx';
import { getSessionQueryOptions } from '../features/auth/api/get-session.ts';
import { followOtherTabs } from '../features/auth/api/session-broadcast.ts';
import { ApiError, isUnauthorized } from '../lib/api-client.ts';

/** Client errors (4xx) will not change on retry; network and server errors may. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) queryClient.setQueryData(getSessionQueryOptions().queryKey, null);
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 10_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  // Signing in or out in another tab applies to this one too.
  useEffect(() => followOtherTabs(client), [client]);
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
