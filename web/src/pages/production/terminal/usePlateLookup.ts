import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { errorMessage } from '../../../api/queries';
import type { LicensePlate } from '../../../api/types';

/** Looks a scanned LP number up; a miss is said in the person's language. */
export function usePlateLookup(handlers: { onFound: (plate: LicensePlate) => void; onMissing: (message: string) => void }) {
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (number: string) => api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(number)}`),
    meta: { silent: true },
    onSuccess: handlers.onFound,
    onError: (error, number) => handlers.onMissing(error instanceof ApiError && error.status === 404 ? t('licensePlates.notFound', { number }) : errorMessage(error)),
  });
}
