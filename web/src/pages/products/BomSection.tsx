import { Button, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import type { Bom, Product } from '../../api/types';
import { useSession } from '../../auth/session';
import { Section } from '../../components/Detail';
import { QueryState } from '../../components/QueryState';
import { BomForm } from './BomForm';
import { EndDateModal } from './BomParts';
import { VersionCard } from './BomVersionCard';

type Editing = { kind: 'new' } | { kind: 'edit'; bom: Bom } | { kind: 'copy'; bom: Bom };

/** The product's recipe versions, newest first, with the editor: drafts change freely, active versions only get an end date. */
export function BomSection({ product }: { product: Product }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [endDating, setEndDating] = useState<Bom | null>(null);
  const boms = useQuery({
    queryKey: ['/boms', 'product', product.id],
    queryFn: ({ signal }) => api<Page<Bom>>('/boms', { query: { productId: product.id, limit: 500 }, signal }),
  });
  const versions = [...(boms.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Section
      title={t('products.recipes')}
      actions={
        can('technical', 'write') && (
          <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'new' })} data-testid="bom-new">
            {t('bom.new')}
          </Button>
        )
      }
    >
      <QueryState query={boms}>
        <Stack gap="sm" data-testid="bom-versions">
          {versions.length === 0 && <Text c="dimmed">{t('products.noRecipes')}</Text>}
          {versions.map((bom) => (
            <VersionCard
              key={bom.id}
              bom={bom}
              product={product}
              onEdit={() => setEditing({ kind: 'edit', bom })}
              onCopy={() => setEditing({ kind: 'copy', bom })}
              onEndDate={() => setEndDating(bom)}
            />
          ))}
        </Stack>
      </QueryState>
      {editing && (
        <BomForm product={product} bom={editing.kind === 'edit' ? editing.bom : undefined} copyOf={editing.kind === 'copy' ? editing.bom : undefined} onClose={() => setEditing(null)} />
      )}
      {endDating && <EndDateModal bom={endDating} onClose={() => setEndDating(null)} />}
    </Section>
  );
}
