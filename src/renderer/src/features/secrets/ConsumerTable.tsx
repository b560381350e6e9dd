import type { ReactNode } from 'react'
import { Code, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { formatMode, type Consumer } from '../../../../shared/secrets'
import { useFormatters } from '../../i18n/format'

/** Every reference to the object: which service, where its tasks see the file, with which owner and mode. */
export function ConsumerTable({ consumers, testId }: { consumers: readonly Consumer[]; testId: string }): ReactNode {
  const { t } = useTranslation()
  const f = useFormatters()
  if (consumers.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={`${testId}-none`}>
        {t('secrets.detail.noConsumers')}
      </Text>
    )
  }
  return (
    <Table striped withTableBorder fz="sm" data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('secrets.consumer.service')}</Table.Th>
          <Table.Th>{t('secrets.consumer.stack')}</Table.Th>
          <Table.Th>{t('secrets.consumer.target')}</Table.Th>
          <Table.Th>{t('secrets.consumer.uid')}</Table.Th>
          <Table.Th>{t('secrets.consumer.gid')}</Table.Th>
          <Table.Th>{t('secrets.consumer.mode')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {consumers.map((c) => (
          <Table.Tr key={`${c.serviceId}:${c.target ?? ''}`} data-testid={`${testId}-row-${c.serviceName}`} data-target={c.target ?? ''} data-mode={formatMode(c.mode)}>
            <Table.Td>{c.serviceName}</Table.Td>
            <Table.Td>{c.stack ?? f.none}</Table.Td>
            <Table.Td>{c.target === null ? <Text size="sm" c="dimmed">{t('secrets.consumer.runtime')}</Text> : <Code>{c.target}</Code>}</Table.Td>
            <Table.Td>{c.uid}</Table.Td>
            <Table.Td>{c.gid}</Table.Td>
            <Table.Td>
              <Code>{formatMode(c.mode)}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
