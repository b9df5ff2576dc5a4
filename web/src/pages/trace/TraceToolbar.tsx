import { ColorSwatch, Group, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { productTypes } from '../../api/types';
import { heldStroke, typeFill } from './TraceGraph';
import type { Direction } from './useTraceParams';

/** Which way to trace, and what the graph's colours mean. */
export function TraceToolbar({ direction, onDirection }: { direction: Direction; onDirection: (direction: Direction) => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="wrap">
      <SegmentedControl
        value={direction}
        onChange={(value) => onDirection(value as Direction)}
        data={[
          { value: 'backward', label: t('trace.backward') },
          { value: 'forward', label: t('trace.forward') },
        ]}
        data-testid="trace-direction"
      />
      <Group gap="md">
        {productTypes.map((type) => (
          <Group key={type} gap={6}>
            <ColorSwatch color={typeFill[type]} size={14} />
            <Text size="xs">{t(`productType.${type}`)}</Text>
          </Group>
        ))}
        <Group gap={6}>
          <ColorSwatch color={heldStroke} size={14} />
          <Text size="xs">{t('recall.trace.held')}</Text>
        </Group>
      </Group>
    </Group>
  );
}
