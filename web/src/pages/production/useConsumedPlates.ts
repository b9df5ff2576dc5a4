import { useQueries } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LicensePlate } from '../../api/types';

/** The numbers of the plates an order consumed (the consumption rows carry only ids); each plate is one cached read, shared with its own page. */
export function useConsumedPlates(ids: string[]): Map<string, LicensePlate> {
  const unique = [...new Set(ids)];
  const plates = useQueries({
    queries: unique.map((id) => ({ queryKey: [`/license-plates/${id}`], queryFn: ({ signal }: { signal: AbortSignal }) => api<LicensePlate>(`/license-plates/${id}`, { signal }), staleTime: 60_000 })),
  });
  return new Map(plates.flatMap((plate) => (plate.data ? [[plate.data.id, plate.data] as const] : [])));
}
