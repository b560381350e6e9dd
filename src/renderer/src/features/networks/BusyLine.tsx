import type { ReactNode } from 'react'
import { Group, Loader, Text } from '@mantine/core'

/** A small spinner and what is being waited for. */
export function BusyLine({ text }: { text: string }): ReactNode {
  return (
    <Group gap="xs">
      <Loader size="xs" />
      <Text size="sm" c="dimmed">
        {text}
      </Text>
    </Group>
  )
}
