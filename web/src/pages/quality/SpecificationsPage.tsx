import { Button, Checkbox, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useList } from '../../api/queries';
import type { Specification } from '../../api/quality';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FilterBar } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { useLimitText } from './ResultInput';
import { SpecificationForm } from './SpecificationForm';

/** Specifications per product and stage: the active ones, and on request the versions they replaced. */
export function SpecificationsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const names = useNames();
  const limitText = useLimitText();
  const [creating, setCreating] = useState(false);
  const [withSuperseded, setWithSuperseded] = useState(false);
  const specifications = useList<Specification>('/specifications', { status: withSuperseded ? undefined : 'active' });
  return (
    <>
      <PageHeader
        title={t('nav.specifications')}
        description={t('specifications.description')}
        actions={
          can('quality', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-specification">
              {t('specifications.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <Checkbox label={t('specifications.showSuperseded')} checked={withSuperseded} onChange={(event) => setWithSuperseded(event.currentTarget.checked)} />
      </FilterBar>
      <QueryState query={specifications}>
        <DataList
          testId="specifications"
          rows={specifications.items}
          rowKey={(specification) => specification.id}
          hasMore={specifications.hasNextPage}
          onLoadMore={() => void specifications.fetchNextPage()}
          empty={t('specifications.empty')}
          columns={[
            { key: 'name', header: t('fields.name'), render: (specification) => `${specification.name} v${specification.version}` },
            { key: 'product', header: t('fields.product'), render: (specification) => names.productName(specification.productId) },
            { key: 'stage', header: t('inspections.stageLabel'), render: (specification) => t(`inspections.stage.${specification.stage}`) },
            {
              key: 'parameters',
              header: t('specifications.parameters'),
              render: (specification) => (
                <Stack gap={0}>
                  {specification.parameters.map((parameter) => (
                    <Text key={parameter.code} size="sm">
                      {parameter.name}: <Text span c="dimmed" size="sm">{limitText(parameter)}</Text>
                    </Text>
                  ))}
                </Stack>
              ),
            },
            { key: 'status', header: t('fields.status'), render: (specification) => <StatusBadge status={specification.status} /> },
          ]}
        />
      </QueryState>
      {creating && <SpecificationForm onClose={() => setCreating(false)} />}
    </>
  );
}
