import { TextInput } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import classes from '../Terminal.module.css';

/** The big scan field: a scanner types the LP number and Enter. */
export function TerminalScanField(props: { inputRef: RefObject<HTMLInputElement | null>; value: string; error: string | null; onChange: (value: string) => void; onScan: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      ref={props.inputRef}
      className={classes.scan}
      leftSection={<IconBarcode size={24} />}
      label={t('terminal.scanLabel')}
      description={t('terminal.scanAnywhere')}
      placeholder={t('terminal.scanPlaceholder')}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          props.onScan(props.value);
        }
      }}
      error={props.error}
      autoComplete="off"
      data-testid="terminal-scan"
    />
  );
}
