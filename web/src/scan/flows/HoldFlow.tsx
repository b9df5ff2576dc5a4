import { Button, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicensePlate } from '../../api/types';
import type { Scan } from '../classify';
import { signalSuccess } from '../feedback';
import { lookUpPlate } from '../lookups';
import { enqueue } from '../offline/outbox';
import { PlateCard } from '../PlateCard';
import { ScanField } from '../ScanField';
import { ScanShell } from '../ScanShell';
import { DoneNote, StartOver, StepTitle } from '../Steps';

const presets = ['damaged', 'temperature', 'foreignBody', 'label'] as const;

/** Put a plate on QA hold: scan it, say why. */
export function HoldFlow() {
  const { t } = useTranslation();
  const [plate, setPlate] = useState<{ number: string; lp?: LicensePlate } | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const takePlate = useCallback(async (scan: Scan) => {
    const found = await lookUpPlate(scan.code);
    if ('missing' in found) return t('scan.plateNotFound', { number: scan.code });
    setPlate({ number: scan.code, lp: 'lp' in found ? found.lp : undefined });
    setReason('');
    setDone(null);
    signalSuccess();
  }, [t]);

  const confirm = async () => {
    await enqueue({ kind: 'hold', path: '/license-plates/:lp/hold', lpNumber: plate!.number, body: { reason: reason.trim() }, summary: { lp: plate!.number, reason: reason.trim() } });
    signalSuccess();
    setDone(t('scan.queue.kind.hold', { lp: plate!.number, reason: reason.trim() }));
    setPlate(null);
  };

  return (
    <ScanShell title={t('scan.hold.title')}>
      <Stack>
        {plate === null ? (
          <>
            <StepTitle step={1} of={2}>{t('scan.hold.scanPlate')}</StepTitle>
            <ScanField label={t('scan.kind.lp')} expect={['lp']} onScan={takePlate} />
          </>
        ) : (
          <>
            <StepTitle step={2} of={2}>{t('scan.hold.why', { lp: plate.number })}</StepTitle>
            {plate.lp && <PlateCard lp={plate.lp} />}
            <SimpleGrid cols={2} spacing="xs">
              {presets.map((preset) => (
                <Button key={preset} size="lg" variant={reason === t(`scan.hold.reasons.${preset}`) ? 'filled' : 'outline'} color="dark" onClick={() => setReason(t(`scan.hold.reasons.${preset}`))} styles={{ label: { whiteSpace: 'normal' } }} h="auto" mih={56} data-testid={`reason-${preset}`}>
                  {t(`scan.hold.reasons.${preset}`)}
                </Button>
              ))}
            </SimpleGrid>
            <TextInput size="xl" label={t('scan.hold.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-testid="hold-reason" />
            <Button size="xl" color="red.8" leftSection={<IconHandStop />} disabled={!reason.trim()} onClick={() => void confirm()} data-testid="hold-confirm">
              {t('scan.hold.confirm')}
            </Button>
            <StartOver label={t('scan.otherPlate')} onClick={() => setPlate(null)} />
          </>
        )}
        <DoneNote message={done} />
      </Stack>
    </ScanShell>
  );
}
