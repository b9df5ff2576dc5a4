import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';
import { useList } from '../../api/queries';
import type { LicensePlate } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';

/** The LPs of a quality record by number, each with its QA status, linking to the LP. */
export function PlateChips({ productId, lot, ids }: { productId: string; lot: string; ids: string[] }) {
  const plates = useList<LicensePlate>('/license-plates', { productId, lot }, { limit: 500 });
  const shown = plates.items.filter((lp) => ids.includes(lp.id));
  return (
    <Group gap="xs" data-testid="plates">
      {shown.map((lp) => (
        <Group key={lp.id} gap={4} wrap="nowrap" data-testid="plate">
          <Anchor component={Link} to={`/license-plates/${lp.id}`} size="sm" ff="monospace" fw={600}>
            {lp.number}
          </Anchor>
          <StatusBadge status={lp.qaStatus} />
        </Group>
      ))}
    </Group>
  );
}
