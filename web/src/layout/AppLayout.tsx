import { AppShell, Burger, Group, Menu, NavLink as MantineNavLink, ScrollArea, Text, UnstyledButton, Avatar, Stack, Box } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconCheck, IconDots, IconLanguage, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { chooseLanguage, languages } from '../i18n';
import { GlobalSearch } from './GlobalSearch';
import { bottomBarPaths, navigation, type NavItem } from './navigation';
import classes from './AppLayout.module.css';

function useVisibleItems(): NavItem[][] {
  const { can } = useSession();
  return navigation.map((section) => section.items.filter((item) => !item.modules || item.modules.some((module) => can(module))));
}

export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Text fw={700} size="lg" c="dark.8">
        MonoPilot
      </Text>
    </Group>
  );
}

function UserMenu() {
  const { t, i18n } = useTranslation();
  const { me, signOut } = useSession();
  const initials = (me?.user.name ?? '?')
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.account')} className={classes.userButton} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="teal" radius="xl" size={36}>
              {initials}
            </Avatar>
            <Box visibleFrom="sm" style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate maw={180}>
                {me?.user.name}
              </Text>
              <Text size="xs" c="dimmed" truncate maw={180}>
                {me?.organization.name}
              </Text>
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me?.user.email}</Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUserCircle size={16} />} data-testid="profile">
          {t('shell.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>
          <Group gap={6}>
            <IconLanguage size={14} /> {t('shell.language')}
          </Group>
        </Menu.Label>
        {languages.map((language) => (
          <Menu.Item key={language} onClick={() => chooseLanguage(language)} rightSection={i18n.language === language ? <IconCheck size={14} /> : null}>
            {t(`languages.${language}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void signOut()} data-testid="sign-out">
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The frame of every signed-in screen: a sidebar on a desk, a bottom bar within thumb reach on a phone. */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const location = useLocation();
  const sections = useVisibleItems();
  const allItems = sections.flat();
  const bottomItems = bottomBarPaths.map((path) => allItems.find((item) => item.path === path)).filter((item): item is NavItem => item !== undefined);

  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      footer={isPhone ? { height: 64 } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <Link to="/dashboard" className={classes.logoLink} aria-label="MonoPilot">
              {isPhone ? <img src="/favicon.svg" alt="" width={28} height={28} /> : <Logo />}
            </Link>
          </Group>
          <GlobalSearch />
          <UserMenu />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="xs" pb="md">
            {navigation.map((section, index) =>
              sections[index]!.length === 0 ? null : (
                <div key={section.label}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                    {t(`nav.section.${section.label}`)}
                  </Text>
                  {sections[index]!.map((item) => (
                    <MantineNavLink
                      key={item.path}
                      component={NavLink}
                      to={item.path}
                      label={t(`nav.${item.label}`)}
                      leftSection={<item.icon size={20} stroke={1.6} />}
                      active={location.pathname === item.path || location.pathname.startsWith(`${item.path}/`)}
                      className={classes.navLink}
                      data-testid={`nav-${item.path.slice(1)}`}
                    />
                  ))}
                </div>
              ),
            )}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <Outlet />
      </AppShell.Main>

      {isPhone && (
        <AppShell.Footer className={classes.bottomBar} aria-label={t('shell.quickNavigation')}>
          {bottomItems.map((item) => (
            <NavLink key={item.path} to={item.path} className={classes.bottomItem}>
              <item.icon size={24} stroke={1.6} />
              <span>{t(`nav.short.${item.label}`)}</span>
            </NavLink>
          ))}
          <UnstyledButton className={classes.bottomItem} onClick={toggle} data-active={opened || undefined} aria-expanded={opened}>
            <IconDots size={24} stroke={1.6} />
            <span>{t('nav.short.more')}</span>
          </UnstyledButton>
        </AppShell.Footer>
      )}
    </AppShell>
  );
}
