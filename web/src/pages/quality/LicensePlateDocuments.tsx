import { Button, FileInput, Group, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifyError, notifySuccess, useList } from '../../api/queries';
import { documentKinds, type DocumentKind, type QualityDocument } from '../../api/quality';
import type { LicensePlate } from '../../api/types';
import { saveFile } from '../../api/organization-export';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { Section } from '../../components/Detail';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatNumber } from '../../format';

const formatSize = (bytes: number, language: string) => (bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, language, 1)} KB` : `${formatNumber(bytes / 1024 / 1024, language, 1)} MB`);

/** Downloads through the API's door (the access token), then hands the file to the browser. */
async function download(document: QualityDocument): Promise<void> {
  const response = await request(`/documents/${document.id}`, { accept: document.contentType });
  saveFile(await response.blob(), document.fileName);
}

/** Certificates of analysis and photos of the LP's lot: listed, uploaded, downloaded. */
export function LicensePlateDocuments({ lp }: { lp: LicensePlate }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const path = `/license-plates/${lp.id}/documents`;
  const documents = useList<QualityDocument>(path);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind>('coa');
  const upload = useMutation({
    mutationFn: () => {
      const body = new FormData();
      body.append('kind', kind);
      body.append('file', file!);
      return api<QualityDocument>(path, { method: 'POST', body });
    },
    onSuccess: async (document) => {
      setFile(null);
      await invalidatePaths(queryClient, path);
      notifySuccess(t('documents.uploaded', { name: document.fileName }));
    },
  });
  const canUpload = can('quality', 'write') || can('warehouse', 'write');
  return (
    <Section title={t('documents.title')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('documents.explain')}
        </Text>
        {canUpload && (
          <Group align="flex-end" wrap="wrap">
            <FileInput label={t('documents.file')} accept="application/pdf,image/png,image/jpeg" value={file} onChange={setFile} clearable w={280} data-testid="document-file" />
            <Select label={t('documents.kind')} w={220} allowDeselect={false} value={kind} onChange={(value) => setKind((value as DocumentKind) ?? 'coa')} data={documentKinds.map((each) => ({ value: each, label: t(`documents.kinds.${each}`) }))} />
            <Button leftSection={<IconUpload size={18} />} disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()} data-testid="document-upload">
              {t('documents.upload')}
            </Button>
          </Group>
        )}
        <QueryState query={documents}>
          <DataList
            testId="documents"
            rows={documents.items}
            rowKey={(document) => document.id}
            empty={t('documents.empty')}
            columns={[
              { key: 'name', header: t('documents.file'), render: (document) => document.fileName },
              { key: 'kind', header: t('documents.kind'), render: (document) => t(`documents.kinds.${document.kind}`) },
              { key: 'size', header: t('documents.size'), align: 'right', render: (document) => formatSize(document.size, i18n.language) },
              { key: 'plate', header: t('documents.fromPlate'), render: (document) => (document.licensePlateId === lp.id ? t('documents.thisPlate') : `…${document.licensePlateId.slice(-6)}`), hideOnPhone: true },
              { key: 'at', header: t('fields.createdAt'), render: (document) => formatDateTime(document.createdAt, i18n.language), hideOnPhone: true },
              {
                key: 'download',
                header: '',
                align: 'right',
                render: (document) => (
                  <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => void download(document).catch((error: unknown) => notifyError(error))} data-testid="document-download">
                    {t('documents.download')}
                  </Button>
                ),
              },
            ]}
          />
        </QueryState>
      </Stack>
    </Section>
  );
}
