import { Alert, Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Gs1ParseResult } from '../../api/types';
import { useNames } from '../../components/Pickers';

const fields = ['sscc', 'gtin', 'contentGtin', 'lot', 'serial', 'bestBefore', 'expiryDate', 'productionDate', 'packagingDate', 'netWeightKg', 'netWeightLb', 'count', 'variableCount'] as const;

/** Reads a GS1 barcode as the server does (POST /gs1/parse): to check a supplier's label or a scanner's set-up. */
export function Gs1TestBox() {
  const { t } = useTranslation();
  const names = useNames();
  const [barcode, setBarcode] = useState('');
  const read = useMutation({ mutationFn: (text: string) => api<Gs1ParseResult>('/gs1/parse', { method: 'POST', body: { barcode: text } }) });
  const submit = () => barcode.trim() && read.mutate(barcode);
  const problem = read.error instanceof ApiError ? (read.error.problem.errors?.[0]?.message ?? read.error.message) : read.error?.message;
  return (
    <Stack gap="xs" data-testid="gs1-test">
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          label={t('gs1.testLabel')}
          description={t('gs1.testHint')}
          leftSection={<IconBarcode size={18} />}
          placeholder="(01)05901234123457(10)L-1(17)270131"
          value={barcode}
          onChange={(event) => setBarcode(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              submit();
            }
          }}
          style={{ flex: 1 }}
          data-testid="gs1-test-input"
        />
        <Button variant="light" onClick={submit} loading={read.isPending} data-testid="gs1-test-read">
          {t('gs1.read')}
        </Button>
      </Group>
      {problem && (
        <Alert color="red" data-testid="gs1-test-error">
          {problem}
        </Alert>
      )}
      {read.data && !read.isPending && (
        <Table data-testid="gs1-test-result" withRowBorders={false}>
          <Table.Tbody>
            {fields.flatMap((field) =>
              read.data[field] === undefined ? [] : [
                <Table.Tr key={field}>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {t(`gs1.fields.${field}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{String(read.data[field])}</Code>
                  </Table.Td>
                </Table.Tr>,
              ],
            )}
            <Table.Tr>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {t('fields.product')}
                </Text>
              </Table.Td>
              <Table.Td data-testid="gs1-test-product">{read.data.productId ? names.productName(read.data.productId) : t('gs1.noProduct')}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
