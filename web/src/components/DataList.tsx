import { Button, Card, Center, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Left out of the phone card, to keep it short. */
  hideOnPhone?: boolean;
}

interface DataListProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  empty?: ReactNode;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  testId?: string;
}

/** A table on a desk; on a phone, one card per row (first column as its title), so nothing scrolls sideways. */
export function DataList<T>({ rows, columns, rowKey, onRowClick, empty, hasMore, loadingMore, onLoadMore, testId }: DataListProps<T>) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const more = hasMore ? (
    <Center mt="sm">
      <Button variant="subtle" loading={loadingMore} onClick={onLoadMore}>
        {t('actions.loadMore')}
      </Button>
    </Center>
  ) : null;

  if (rows.length === 0) {
    return (
      <Paper withBorder p="xl" radius="md" data-testid={testId}>
        <Text c="dimmed" ta="center">
          {empty ?? t('common.nothingYet')}
        </Text>
      </Paper>
    );
  }

  if (isPhone) {
    const [first, ...rest] = columns;
    return (
      <Stack gap="xs" data-testid={testId}>
        {rows.map((row) => (
          <Card
            key={rowKey(row)}
            withBorder
            radius="md"
            padding="sm"
            onClick={onRowClick ? () => onRowClick(row) : undefined}
            style={onRowClick ? { cursor: 'pointer' } : undefined}
            data-testid="row"
          >
            <Group justify="space-between" wrap="nowrap" gap="xs" mb={rest.length ? 6 : 0}>
              <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {first?.render(row)}
              </Text>
            </Group>
            <SimpleGrid cols={2} spacing={6} verticalSpacing={4}>
              {rest
                .filter((column) => !column.hideOnPhone)
                .map((column) => (
                  <div key={column.key} style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed">
                      {column.header}
                    </Text>
                    <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
                      {column.render(row)}
                    </Text>
                  </div>
                ))}
            </SimpleGrid>
          </Card>
        ))}
        {more}
      </Stack>
    );
  }

  return (
    <Paper withBorder radius="md" data-testid={testId} style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={600} type="native">
        <Table highlightOnHover={Boolean(onRowClick)} verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} ta={column.align}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr
                key={rowKey(row)}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                style={onRowClick ? { cursor: 'pointer' } : undefined}
                data-testid="row"
              >
                {columns.map((column) => (
                  <Table.Td key={column.key} ta={column.align}>
                    {column.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more && <div style={{ paddingBottom: 8 }}>{more}</div>}
    </Paper>
  );
}
