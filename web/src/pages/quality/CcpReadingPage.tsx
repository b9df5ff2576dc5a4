import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { isWithinLimits, type Ccp, type CcpReading } from '../../api/floor-quality';
import { invalidatePaths } from '../../api/invalidate';
import { useRecord } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { formatNumber } from '../../format';
import { useLimits } from './CcpsPage';

/** What a person types on a tablet: digits, one point or comma, a leading minus. */
const readNumber = (text: string): number | null => {
  const normalized = text.trim().replace(',', '.');
  return /^-?\d+(\.\d{1,6})?$/.test(normalized) ? Number(normalized) : null;
};

/**
 * The floor's reading screen for one CCP, made for a tablet: one big numeric field (the
 * numeric keypad comes up), big buttons, and the verdict at once: as typed, and as recorded,
 * with the deviation NCR when the reading is outside the limits.
 */
export function CcpReadingPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const limits = useLimits();
  const ccp = useRecord<Ccp>(`/haccp/ccps/${id}`);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const value = readNumber(text);
  const record = useMutation({
    mutationFn: () => api<CcpReading>(`/haccp/ccps/${id}/readings`, { method: 'POST', body: { value, ...(note.trim() ? { note: note.trim() } : {}) } }),
    onSuccess: async () => {
      setText('');
      setNote('');
      await invalidatePaths(queryClient, '/haccp', '/ncrs');
    },
  });
  const ncr = useRecord<{ number: string }>(record.data?.ncrId ? `/ncrs/${record.data.ncrId}` : null);
  const big = { size: 'xl', h: 64, fz: 22 } as const;

  return (
    <QueryState query={ccp}>
      {ccp.data && (
        <Stack maw={640} mx="auto" gap="lg" data-testid="ccp-reading">
          <Group justify="space-between">
            <Button component={Link} to={`/haccp/${id}`} variant="subtle" leftSection={<IconArrowLeft size={20} />} h={48}>
              {t('haccp.chart')}
            </Button>
            <Text c="dimmed">{t('haccp.limits')}: {limits(ccp.data)}</Text>
          </Group>
          <Title order={2}>
            {ccp.data.code} · {ccp.data.name}
          </Title>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (value !== null && !record.isPending) record.mutate();
            }}
          >
            <Stack gap="md">
              <TextInput
                label={`${t('haccp.value')} (${ccp.data.unit})`}
                inputMode="decimal"
                autoComplete="off"
                autoFocus
                size="xl"
                styles={{ input: { height: 80, fontSize: 40, textAlign: 'center' } }}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                error={text !== '' && value === null ? t('haccp.enterNumber') : undefined}
                data-testid="ccp-value"
              />
              {value !== null && (
                <Text fw={700} fz={20} c={isWithinLimits(ccp.data, value) ? 'teal.7' : 'red.7'} data-testid="ccp-preview">
                  {t('haccp.preview', { state: isWithinLimits(ccp.data, value) ? t('haccp.within') : t('haccp.outside') })}
                </Text>
              )}
              <TextInput label={t('haccp.note')} size="lg" styles={{ input: { height: 56 } }} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
              <Button type="submit" {...big} disabled={value === null} loading={record.isPending} data-testid="ccp-save">
                {t('haccp.save')}
              </Button>
            </Stack>
          </form>
          {record.data && (
            <Paper withBorder p="lg" data-testid="ccp-result">
              {record.data.withinLimits ? (
                <Alert color="teal" icon={<IconCircleCheck size={32} />} title={t('haccp.within')} styles={{ title: { fontSize: 22 } }}>
                  {t('haccp.recorded', { value: formatNumber(record.data.value, i18n.language), unit: ccp.data.unit })}
                </Alert>
              ) : (
                <Alert color="red" variant="filled" icon={<IconAlertTriangle size={32} />} title={t('haccp.outside')} styles={{ title: { fontSize: 22 } }} data-testid="ccp-deviation">
                  <Text fz={18}>{t('haccp.recorded', { value: formatNumber(record.data.value, i18n.language), unit: ccp.data.unit })}</Text>
                  <Text fz={18} fw={700}>
                    {ncr.data ? t('haccp.deviation', { number: ncr.data.number }) : t('haccp.deviationNoNumber')}
                  </Text>
                </Alert>
              )}
            </Paper>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
