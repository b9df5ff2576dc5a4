import { Button, Group } from '@mantine/core';
import { IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { saveFile } from '../../api/organization-export';
import { notifyError } from '../../api/queries';
import { useNames } from '../../components/Pickers';
import { HoldLotButton } from '../quality/HoldLotButton';

export interface LotSubject {
  productId: string;
  lot: string;
}

/** The lot's recall actions: hold everything still in the plant, the report for an authority (PDF, CSV), the recall list and FSMA 204 spreadsheet. */
export function TraceActions({ subject }: { subject: LotSubject }) {
  const { t } = useTranslation();
  const names = useNames();
  const download = async (path: string, prefix: string, extension: 'csv' | 'pdf', query: Record<string, string> = {}) => {
    try {
      const response = await request(path, { query: { ...subject, ...query }, accept: extension === 'csv' ? 'text/csv' : 'application/pdf' });
      saveFile(await response.blob(), `${prefix}-${names.product(subject.productId)?.code ?? 'product'}-${subject.lot}.${extension}`);
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Group gap="xs">
      <HoldLotButton productId={subject.productId} lot={subject.lot} />
      <Button variant="light" leftSection={<IconFileTypePdf size={18} />} onClick={() => void download('/trace/recall/report', 'recall-report', 'pdf', { format: 'pdf' })} data-testid="recall-report-pdf">
        {t('recall.trace.reportPdf')}
      </Button>
      <Button variant="light" leftSection={<IconDownload size={18} />} onClick={() => void download('/trace/recall/report', 'recall-report', 'csv', { format: 'csv' })} data-testid="recall-report-csv">
        {t('recall.trace.reportCsv')}
      </Button>
      <Button variant="subtle" leftSection={<IconDownload size={18} />} onClick={() => void download('/trace/recall', 'recall', 'csv')} data-testid="recall-csv">
        {t('trace.recallCsv')}
      </Button>
      <Button variant="subtle" leftSection={<IconDownload size={18} />} onClick={() => void download('/trace/fsma204', 'fsma204', 'csv')} data-testid="fsma204-csv">
        {t('trace.fsma204Csv')}
      </Button>
    </Group>
  );
}
