import { Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicensePlate } from '../../api/types';
import type { Scan } from '../classify';
import { signalSuccess } from '../feedback';
import { lookUpPlate, useScanNames } from '../lookups';
import { enqueue } from '../offline/outbox';
import { PlateCard } from '../PlateCard';
import { ScanField } from '../ScanField';
import { ScanShell } from '../ScanShell';
import { DoneNote, StartOver, StepTitle } from '../Steps';

/** Put-away and move: scan the plate, scan where it now stands. */
export function MoveFlow() {
  const { t } = useTranslation();
  const names = useScanNames();
  const [plate, setPlate] = useState<{ number: string; lp?: LicensePlate } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const takePlate = useCallback(async (scan: Scan) => {
    const found = await lookUpPlate(scan.code);
    if ('missing' in found) return t('scan.plateNotFound', { number: scan.code });
    setPlate({ number: scan.code, lp: 'lp' in found ? found.lp : undefined });
    setDone(null);
    signalSuccess();
  }, [t]);

  const takeLocation = useCallback(async (scan: Scan) => {
    const location = names.locationByCode(scan.code);
    if (!location) return t('scan.locationNotFound', { code: scan.code });
    await enqueue({ kind: 'move', path: '/license-plates/:lp/move', lpNumber: plate!.number, body: { toLocationId: location.id }, summary: { lp: plate!.number, location: location.code } });
    signalSuccess();
    setDone(t('scan.queue.kind.move', { lp: plate!.number, location: location.code }));
    setPlate(null);
  }, [names, plate, t]);

  return (
    <ScanShell title={t('scan.move.title')}>
      <Stack>
        {plate === null ? (
          <>
            <StepTitle step={1} of={2}>{t('scan.move.scanPlate')}</StepTitle>
            <ScanField key="lp" label={t('scan.kind.lp')} expect={['lp']} onScan={takePlate} />
          </>
        ) : (
          <>
            <StepTitle step={2} of={2}>{t('scan.move.scanLocation', { lp: plate.number })}</StepTitle>
            {plate.lp && <PlateCard lp={plate.lp} />}
            <ScanField key="location" label={t('scan.kind.location')} expect={['location']} onScan={takeLocation} />
            <StartOver label={t('scan.otherPlate')} onClick={() => setPlate(null)} />
          </>
        )}
        <DoneNote message={done} />
      </Stack>
    </ScanShell>
  );
}
