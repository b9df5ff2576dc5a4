import { Button, SegmentedControl } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { FilterBar } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';

/** The ?status= of a list screen, `fallback` when the URL names none. */
export function useStatusParam(fallback: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  return [params.get('status') ?? fallback, (value) => setParams(value === fallback ? {} : { status: value })];
}

interface QualityListHeaderProps {
  title: string;
  description: string;
  /** The create button, for people with quality write rights. */
  create: { label: string; onClick: () => void; testId: string };
  /** The status filter, kept in the URL. */
  filter: { fallback: string; options: Array<{ value: string; label: string }>; testId: string };
}

/** A quality list's title, its create button and its status filter. */
export function QualityListHeader({ title, description, create, filter }: QualityListHeaderProps) {
  const { can } = useSession();
  const [status, setStatus] = useStatusParam(filter.fallback);
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          can('quality', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={create.onClick} data-testid={create.testId}>
              {create.label}
            </Button>
          )
        }
      />
      <FilterBar>
        <SegmentedControl value={status} onChange={setStatus} data={filter.options} data-testid={filter.testId} />
      </FilterBar>
    </>
  );
}
