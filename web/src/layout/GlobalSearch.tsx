import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { pathOf, searchEverything, type SearchHit } from '../api/search';

const keyOf = (hit: SearchHit) => `${hit.kind}:${hit.id}:${hit.lot ?? ''}`;

/**
 * The header's box for any code: LP, lot, product, work, purchase or sales order, SSCC, in any
 * case and by any part. Enter opens the best match (a raw-material lot opens its trace forward).
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 200);
  const hits = useQuery({
    queryKey: ['/search', debounced],
    queryFn: ({ signal }) => searchEverything(debounced, signal),
    enabled: debounced.length > 0,
    meta: { silent: true },
  });

  const open = (hit: SearchHit) => {
    setText('');
    combobox.closeDropdown();
    void navigate(pathOf(hit));
  };
  // Enter before the list caught up (a scanner types fast): search now, open the best match.
  const openBest = async () => {
    const q = text.trim();
    if (!q) return;
    const found = await queryClient.fetchQuery({ queryKey: ['/search', q], queryFn: ({ signal }) => searchEverything(q, signal) });
    if (found[0]) open(found[0]);
    else combobox.openDropdown();
  };
  const items = debounced === text.trim() ? (hits.data ?? []) : [];

  return (
    <Combobox store={combobox} onOptionSubmit={(key) => { const hit = items.find((item) => keyOf(item) === key); if (hit) open(hit); }} withinPortal>
      <Combobox.Target>
        <TextInput
          leftSection={<IconSearch size={16} />}
          rightSection={hits.isFetching ? <Loader size={14} /> : null}
          placeholder={t('recall.search.placeholder')}
          aria-label={t('recall.search.label')}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => text && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && combobox.getSelectedOptionIndex() < 0) {
              event.preventDefault();
              void openBest();
            }
          }}
          style={{ flex: '1 1 auto', minWidth: 0, maxWidth: 440 }}
          data-testid="global-search"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!text.trim()}>
        <Combobox.Options data-testid="global-search-results">
          {items.length === 0 ? (
            <Combobox.Empty>{hits.isFetching || debounced !== text.trim() ? t('recall.search.searching') : t('recall.search.nothing', { q: text.trim() })}</Combobox.Empty>
          ) : (
            items.map((hit) => (
              <Combobox.Option value={keyOf(hit)} key={keyOf(hit)} data-testid="global-search-hit">
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} ff="monospace" truncate>
                      {hit.label}
                    </Text>
                    {hit.detail && (
                      <Text size="xs" c="dimmed" truncate>
                        {hit.kind === 'work_order' || hit.kind === 'purchase_order' || hit.kind === 'sales_order' ? t(`status.${hit.detail}`, { defaultValue: hit.detail }) : hit.detail}
                      </Text>
                    )}
                  </div>
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    {t(`recall.search.kind.${hit.kind}`)}
                  </Text>
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
