import { Button, type ButtonProps } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Opens a plate's label (/labels/:id) in a new tab, printing itself; for every screen that makes plates. */
export function PrintLabelButton({ licensePlateId, testId = 'print-label', ...props }: { licensePlateId: string; testId?: string } & ButtonProps) {
  const { t } = useTranslation();
  return (
    <Button component={Link} to={`/labels/${licensePlateId}?print=1`} target="_blank" leftSection={<IconPrinter size={18} />} data-testid={testId} {...props}>
      {t('terminal.printLabel')}
    </Button>
  );
}
