import type { QueryClient } from '@tanstack/react-query';

/** Drops every cached answer whose path starts with one of the prefixes ('/products' also hits '/products/123'). */
export function invalidatePaths(queryClient: QueryClient, ...prefixes: string[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => typeof query.queryKey[0] === 'string' && prefixes.some((prefix) => (query.queryKey[0] as string).startsWith(prefix)),
  });
}
