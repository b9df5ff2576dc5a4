import { Group, Text, TextInput } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraButton } from './CameraScan';
import { classifyScan, type Scan, type ScanKind } from './classify';
import { signalError } from './feedback';

interface ScanFieldProps {
  label: string;
  /** The kinds this step takes; any other is refused naming what was expected. */
  expect: ScanKind[];
  /** Answers an error message to show (and keep the field for the next scan), or nothing when taken. */
  onScan: (scan: Scan) => Promise<string | void> | string | void;
  testId?: string;
  /** Off where another field comes first (the quantity of an output). */
  autoFocus?: boolean;
}

/**
 * The field a keyboard-wedge scanner types into (the code, then Enter). It holds the focus, also after an
 * error, so the next scan needs no tap; a tap elsewhere on nothing in particular gives it back.
 */
export function ScanField({ label, expect, onScan, testId = 'scan-input', autoFocus = true }: ScanFieldProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  const take = useCallback(
    async (raw: string) => {
      if (!raw.trim()) return;
      const scan = classifyScan(raw);
      let problem: string | void;
      if (!expect.includes(scan.kind)) {
        problem = t('scan.wrongKind', { expected: t(`scan.expected.${expect[0]!}`), got: t(`scan.expected.${scan.kind}`) });
      } else {
        setBusy(true);
        try {
          problem = await onScan(scan);
        } finally {
          setBusy(false);
        }
      }
      if (problem) {
        signalError();
        setError(problem);
      } else {
        setError(null);
      }
      setValue('');
      input.current?.focus();
    },
    [expect, onScan, t],
  );

  return (
    <Group align="flex-start" wrap="nowrap" gap="xs">
      <TextInput
        ref={input}
        style={{ flex: 1 }}
        size="xl"
        label={label}
        placeholder={t('scan.placeholder')}
        leftSection={<IconBarcode size={28} />}
        value={value}
        readOnly={busy}
        onChange={(event) => setValue(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void take(event.currentTarget.value);
          }
        }}
        onBlur={() => {
          // Back to the scan field unless the person went to another control on purpose.
          window.setTimeout(() => {
            if (autoFocus && document.activeElement === document.body) input.current?.focus();
          }, 0);
        }}
        error={error && <Text fw={700} size="lg" data-testid={`${testId}-error`}>{error}</Text>}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="go"
        data-testid={testId}
      />
      <div style={{ paddingTop: 34 }}>
        <CameraButton onCode={(code) => void take(code)} />
      </div>
    </Group>
  );
}
