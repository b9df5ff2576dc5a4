import { useSearchParams } from 'react-router';

export type Direction = 'backward' | 'forward';
export type TraceSubject = { licensePlateId: string } | { productId: string; lot: string };

/** The trace page's state lives in its address: what is traced, and which way. */
export function useTraceParams() {
  const [params, setParams] = useSearchParams();
  const direction = (params.get('direction') ?? 'backward') as Direction;
  const licensePlateId = params.get('licensePlateId');
  const productId = params.get('productId');
  const lot = params.get('lot');
  const subject: TraceSubject | null = licensePlateId ? { licensePlateId } : productId && lot ? { productId, lot } : null;
  const set = (next: Record<string, string | null>) =>
    setParams((previous) => {
      const merged = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(next)) {
        if (value) merged.set(key, value);
        else merged.delete(key);
      }
      return merged;
    });
  /** Traces a lot; a raw material is recalled forward (where it went). */
  const traceLot = (lotProductId: string, lotText: string, forward: boolean) => set({ productId: lotProductId, lot: lotText, licensePlateId: null, direction: forward ? 'forward' : direction });
  return { direction, subject, productId, lot, licensePlateId, set, traceLot };
}
