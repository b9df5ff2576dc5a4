import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';

export interface AllergenRecord {
  code: string;
  name: string;
  nameEn?: string;
  namePl?: string;
  custom: boolean;
}

export function useAllergens() {
  return useQuery({ queryKey: ['/allergens'], queryFn: ({ signal }) => api<Page<AllergenRecord>>('/allergens', { signal }), staleTime: 5 * 60_000, meta: { silent: true } });
}

/** An allergen's name in the person's language, its code when the list is not available. */
export function useAllergenName(): (code: string) => string {
  const { i18n } = useTranslation();
  const allergens = useAllergens();
  return (code) => {
    const allergen = allergens.data?.items.find((item) => item.code === code);
    if (!allergen) return code;
    return (i18n.language === 'pl' ? allergen.namePl : allergen.nameEn) ?? allergen.name;
  };
}

/** Declared allergens in solid red; those only brought in by a recipe outlined, with a hint. */
export function AllergenBadges({ declared, derived, size = 'sm' }: { declared: string[] | undefined; derived: string[] | undefined; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  const nameOf = useAllergenName();
  const declaredSet = new Set(declared ?? []);
  const all = [...new Set([...(declared ?? []), ...(derived ?? [])])].sort();
  if (all.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('products.noAllergens')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {all.map((code) =>
        declaredSet.has(code) ? (
          <Badge key={code} color="red" variant="light" size={size} style={{ textTransform: 'none' }} data-testid={`allergen-${code}`}>
            {nameOf(code)}
          </Badge>
        ) : (
          <Tooltip key={code} label={t('products.derivedHint')} withArrow>
            <Badge color="orange" variant="outline" size={size} style={{ textTransform: 'none' }} data-testid={`allergen-${code}`}>
              {nameOf(code)} *
            </Badge>
          </Tooltip>
        ),
      )}
    </Group>
  );
}
