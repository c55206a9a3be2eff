import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { isApiError } from './api/client.ts';
import { App } from './App.tsx';
import { onUnauthenticated } from './auth/session.ts';
import { I18nProvider } from './i18n/i18n.tsx';
import './styles.css';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (e) => onUnauthenticated(queryClient, e) }),
  mutationCache: new MutationCache({ onError: (e) => onUnauthenticated(queryClient, e) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal will not change on retry; a dropped connection may.
      retry: (count, e) => count < 2 && (!isApiError(e) || e.status === 0 || e.status >= 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <App />
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
