import { Box, Card, Flex, Group, SimpleGrid, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session';
import { navigation } from '../../layout/navigation';

/** Up to eight screens the person may open, as big buttons. */
export function Shortcuts() {
  const { t } = useTranslation();
  const { can } = useSession();
  const shortcuts = navigation
    .flatMap((section) => section.items)
    .filter((item) => item.path !== '/dashboard' && (!item.modules || item.modules.some((module) => can(module))))
    .slice(0, 8);
  return (
  <div>
    <Title order={4} mb="xs">
      {t('dashboard.shortcuts')}
    </Title>
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      {shortcuts.map((item) => (
        <UnstyledButton key={item.path} component={Link} to={item.path}>
          <Card withBorder padding="sm" h="100%">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              {/* On a phone the label goes under the icon, so that long words (Identyfikowalność) keep the whole width. */}
              <Flex direction={{ base: 'column', sm: 'row' }} align={{ base: 'flex-start', sm: 'center' }} gap={{ base: 6, sm: 'sm' }} style={{ minWidth: 0 }}>
                <ThemeIcon variant="light" size={40} radius="md" style={{ flexShrink: 0 }}>
                  <item.icon size={22} />
                </ThemeIcon>
                <Text fw={600} size="sm" style={{ overflowWrap: 'break-word', hyphens: 'auto', minWidth: 0, maxWidth: '100%' }}>
                  {t(`nav.${item.label}`)}
                </Text>
              </Flex>
              <Box visibleFrom="sm">
                <IconChevronRight size={18} color="var(--mantine-color-gray-5)" />
              </Box>
            </Group>
          </Card>
        </UnstyledButton>
      ))}
    </SimpleGrid>
  </div>
  );
}
