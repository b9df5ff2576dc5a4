import { Box, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { LiveBadge } from '../components/LiveBadge';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { formatNumber } from '../format';
import { navigation } from '../layout/navigation';

interface Figure {
  key: string;
  group: string | null;
  value: number;
}

/** The dashboard answers counters, possibly grouped one level deep ({ workOrders: { planned: 3 } }). */
export function figuresOf(data: unknown): Figure[] {
  if (!data || typeof data !== 'object') return [];
  const figures: Figure[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === 'number') figures.push({ key, group: null, value });
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        if (typeof innerValue === 'number') figures.push({ key: inner, group: key, value: innerValue });
      }
    }
  }
  return figures;
}

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { me, can } = useSession();
  const dashboard = useQuery({ queryKey: ['/dashboard'], queryFn: ({ signal }) => api<unknown>('/dashboard', { signal }), refetchInterval: 60_000 });
  const figures = figuresOf(dashboard.data);
  const groups = [...new Set(figures.map((figure) => figure.group))];
  const label = (key: string) => t(`dashboard.figure.${key}` as 'dashboard.figure.total', { defaultValue: humanize(key) });
  const shortcuts = navigation
    .flatMap((section) => section.items)
    .filter((item) => item.path !== '/dashboard' && (!item.modules || item.modules.some((module) => can(module))))
    .slice(0, 8);

  return (
    <>
      <PageHeader title={t('dashboard.greeting', { name: me?.user.name.split(' ')[0] ?? '' })} description={me?.organization.name} actions={<LiveBadge />} />
      <Stack gap="lg">
        <QueryState query={dashboard}>
          {figures.length === 0 ? (
            <Card withBorder>
              <Text c="dimmed">{t('dashboard.noFigures')}</Text>
            </Card>
          ) : (
            groups.map((group) => (
              <div key={group ?? '-'}>
                {group && (
                  <Title order={4} mb="xs">
                    {label(group)}
                  </Title>
                )}
                <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
                  {figures
                    .filter((figure) => figure.group === group)
                    .map((figure) => (
                      <Card key={`${group}.${figure.key}`} withBorder padding="md" data-testid={`figure-${group ? `${group}.` : ''}${figure.key}`}>
                        <Text size="xs" c="dimmed" tt="uppercase" fw={700} lineClamp={2}>
                          {label(figure.key)}
                        </Text>
                        <Text fz={28} fw={700} mt={4}>
                          {formatNumber(figure.value, i18n.language)}
                        </Text>
                      </Card>
                    ))}
                </SimpleGrid>
              </div>
            ))
          )}
        </QueryState>
        <div>
          <Title order={4} mb="xs">
            {t('dashboard.shortcuts')}
          </Title>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {shortcuts.map((item) => (
              <UnstyledButton key={item.path} component={Link} to={item.path}>
                <Card withBorder padding="sm" h="100%">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                      <ThemeIcon variant="light" size={40} radius="md" style={{ flexShrink: 0 }}>
                        <item.icon size={22} />
                      </ThemeIcon>
                      <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {t(`nav.${item.label}`)}
                      </Text>
                    </Group>
                    <Box visibleFrom="sm">
                      <IconChevronRight size={18} color="var(--mantine-color-gray-5)" />
                    </Box>
                  </Group>
                </Card>
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </div>
      </Stack>
    </>
  );
}
