import { Badge, Group, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { judge, type ResultValue, type SpecificationParameter } from '../../api/quality';
import { formatNumber } from '../../format';
import { useLocaleDecimals } from '../../components/QuantityInput';

/** The limits of a parameter in words: "min 10 · max 15 %", "expected: yes". */
export function useLimitText() {
  const { t, i18n } = useTranslation();
  return (parameter: SpecificationParameter) => {
    if (parameter.kind === 'boolean') return parameter.expected === false ? t('inspections.expectedNo') : t('inspections.expectedYes');
    if (parameter.kind === 'text') return t('inspections.noLimits');
    const unit = parameter.unit ? ` ${parameter.unit}` : '';
    const parts = [parameter.min !== null ? t('inspections.min', { value: `${formatNumber(parameter.min, i18n.language)}${unit}` }) : null, parameter.max !== null ? t('inspections.max', { value: `${formatNumber(parameter.max, i18n.language)}${unit}` }) : null];
    return parts.filter(Boolean).join(' · ') || t('inspections.noLimits');
  };
}

/** Pass, fail, or not entered yet, in big letters. */
export function Verdict({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === null) return <Badge size="xl" variant="outline" color="gray" radius="sm">{t('inspections.notEntered')}</Badge>;
  return (
    <Badge size="xl" radius="sm" color={passed ? 'green' : 'red'} leftSection={passed ? <IconCheck size={18} /> : <IconX size={18} />} data-testid="verdict">
      {passed ? t('inspections.pass') : t('inspections.fail')}
    </Badge>
  );
}

interface ResultInputProps {
  parameter: SpecificationParameter;
  value: ResultValue | undefined;
  onChange: (value: ResultValue | undefined) => void;
  readOnly?: boolean;
}

/** One parameter on the tablet: its name and limits, a big input, and the verdict as it is typed. */
export function ResultInput({ parameter, value, onChange, readOnly }: ResultInputProps) {
  const { t } = useTranslation();
  const localeDecimals = useLocaleDecimals();
  const limits = useLimitText()(parameter);
  const field = (() => {
    if (parameter.kind === 'numeric') {
      return (
        <NumberInput
          size="xl"
          w={220}
          decimalScale={6}
          {...localeDecimals}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(next === '' || typeof next !== 'number' ? undefined : next)}
          rightSection={parameter.unit ? <Text c="dimmed">{parameter.unit}</Text> : undefined}
          rightSectionWidth={parameter.unit ? 48 : undefined}
          readOnly={readOnly}
          aria-label={parameter.name}
          data-testid={`result-${parameter.code}`}
        />
      );
    }
    if (parameter.kind === 'boolean') {
      return (
        <SegmentedControl
          size="xl"
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(next) => onChange(next === 'yes')}
          data={[{ value: 'yes', label: t('inspections.yes') }, { value: 'no', label: t('inspections.no') }]}
          readOnly={readOnly}
          aria-label={parameter.name}
          data-testid={`result-${parameter.code}`}
        />
      );
    }
    return <TextInput size="xl" w={280} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value || undefined)} readOnly={readOnly} aria-label={parameter.name} data-testid={`result-${parameter.code}`} />;
  })();
  return (
    <Paper withBorder p="md" radius="md" data-testid={`parameter-${parameter.code}`}>
      <Group justify="space-between" wrap="wrap" gap="md">
        <Stack gap={2} style={{ minWidth: 200, flex: '1 1 200px' }}>
          <Text fw={700} fz={20}>
            {parameter.name}
            {!parameter.required && (
              <Text span c="dimmed" fz="sm" fw={400}>
                {' '}
                ({t('inspections.optional')})
              </Text>
            )}
          </Text>
          <Text c="dimmed">{limits}</Text>
        </Stack>
        {field}
        <div style={{ minWidth: 130, textAlign: 'right' }}>
          <Verdict passed={judge(parameter, value)} />
        </div>
      </Group>
    </Paper>
  );
}
