/**
 * The page's one TanStack Query client, for what is not mirrored (bodies not cached yet,
 * identities, server search). Not in the first download: each later part of the UI
 * (shell/later.tsx) is mounted under its own provider of this same client, so they share
 * one cache.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';

const queries = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

export function WithQueries({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queries}>{children}</QueryClientProvider>;
}
