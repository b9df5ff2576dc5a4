import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadOrganizationExport, saveFile, type ExportProgress } from '../../api/organization-export';
import { notifySuccess } from '../../api/queries';

/** The organization's data export as a download, with a progress bar fed by the arriving rows. */
export function OrganizationExportSection() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const download = useMutation({
    mutationFn: () => downloadOrganizationExport(setProgress),
    onSuccess: ({ blob, filename, total }) => {
      saveFile(blob, filename);
      notifySuccess(t('settings.exportDone', { total }));
    },
  });
  const percent = progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0;
  return (
    <Paper withBorder p="md" maw={720} mt="md" data-testid="organization-export">
      <Stack gap="sm">
        <Text fw={700}>{t('settings.exportTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('settings.exportDescription')}
        </Text>
        {progress && (
          <>
            <Progress value={percent} animated={download.isPending} aria-label={t('settings.exportTitle')} data-testid="organization-export-progress" />
            <Text size="xs" c="dimmed" data-testid="organization-export-count">
              {t('settings.exportProgress', { done: progress.done, total: progress.total })}
            </Text>
          </>
        )}
        <Group justify="flex-end">
          <Button leftSection={<IconDownload size={18} />} loading={download.isPending} onClick={() => download.mutate()} data-testid="organization-export-button">
            {t('settings.exportButton')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
