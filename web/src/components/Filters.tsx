import { Group, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A search box that tells its value a moment after typing stops. */
export function SearchInput({ value, onChange, placeholder }: { value: string; onChange: (value: string) => void; placeholder?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const tell = useDebouncedCallback((next: string) => {
    if (next !== value) onChange(next);
  }, 250);
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      placeholder={placeholder ?? t('actions.search')}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        tell(event.currentTarget.value);
      }}
      style={{ flex: '1 1 220px', minWidth: 0 }}
      aria-label={placeholder ?? t('actions.search')}
      type="search"
    />
  );
}

export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      {children}
    </Group>
  );
}
