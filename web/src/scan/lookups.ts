import { useCallback } from 'react';
import { api, ApiError } from '../api/client';
import type { LicensePlate, Location, Product } from '../api/types';
import { useCachedList } from './offline/cache';

/** Products and locations, kept on the device: a scanned location code is resolved offline too. */
export function useScanNames() {
  const products = useCachedList<Product>('/products');
  const locations = useCachedList<Location>('/locations');
  const productItems = products.data?.data;
  const locationItems = locations.data?.data;
  const product = useCallback((id: string | undefined) => productItems?.find((each) => each.id === id), [productItems]);
  const location = useCallback((id: string | undefined) => locationItems?.find((each) => each.id === id), [locationItems]);
  const locationByCode = useCallback((code: string) => locationItems?.find((each) => each.code.toLowerCase() === code.toLowerCase()), [locationItems]);
  const productName = useCallback((id: string | undefined) => {
    const found = productItems?.find((each) => each.id === id);
    return found ? `${found.code} · ${found.name}` : '…';
  }, [productItems]);
  return { product, productName, location, locationByCode, products: productItems ?? [], isReady: Boolean(productItems && locationItems) };
}

export type PlateLookup = { lp: LicensePlate } | { missing: true } | { offline: true };

/** Looks a scanned plate up when the server can be reached; offline the flow goes on with its number alone. */
export async function lookUpPlate(number: string): Promise<PlateLookup> {
  try {
    return { lp: await api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(number)}`) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { missing: true };
    if (error instanceof ApiError && error.status !== 0 && error.status < 500) throw error;
    return { offline: true };
  }
}
