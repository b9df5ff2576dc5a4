import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Which step of the task this is, big enough to read at arm's length. */
export function StepTitle({ step, of, children }: { step: number; of: number; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" mb="xs">
      <Badge size="xl" color="dark" style={{ flexShrink: 0 }}>
        {step}/{of}
      </Badge>
      <Text fw={800} size="xl" data-testid="step-title">
        {children}
      </Text>
    </Group>
  );
}

/** What the last confirmed action was: it is on the device now, sent or waiting (the bar shows which). */
export function DoneNote({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="teal.9" variant="filled" icon={<IconCheck size={28} />} mt="md" data-testid="scan-done">
      <Text fw={700} size="lg">
        {message}
      </Text>
    </Alert>
  );
}

/** Back to the first step, for a wrong plate scanned. */
export function StartOver({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <Button size="lg" variant="outline" color="dark" onClick={onClick} data-testid="start-over">
      {label}
    </Button>
  );
}
