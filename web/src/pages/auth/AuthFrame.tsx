import { Anchor, Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, languages } from '../../i18n';
import { Logo } from '../../layout/AppLayout';

/** The centred card of the sign-in and sign-up screens. */
export function AuthFrame({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Box bg="gray.0" mih="100dvh" px="md" py={48}>
      <Center>
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <Logo />
          </Center>
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }}>
            <Title order={2} fz={24} mb={4}>
              {title}
            </Title>
            <Text c="dimmed" size="sm" mb="lg">
              {subtitle}
            </Text>
            {children}
          </Paper>
          <Text ta="center" size="sm">
            {footer}
          </Text>
          <Group justify="center" gap="md">
            {languages.map((language) => (
              <Anchor key={language} component="button" size="sm" c={i18n.language === language ? 'teal.7' : 'dimmed'} fw={i18n.language === language ? 700 : 400} onClick={() => chooseLanguage(language)}>
                {t(`languages.${language}`)}
              </Anchor>
            ))}
          </Group>
        </Stack>
      </Center>
    </Box>
  );
}
