import type { ReactNode } from 'react'
import { Button, Checkbox, Group, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { IconTag } from './node-icons'

interface NodeSelectionBarProps {
  rows: readonly SwarmNode[]
  selected: readonly SwarmNode[]
  shownSelected: number
  hiddenSelected: number
  onSelectMany(nodeIds: readonly string[], selected: boolean): void
  onClear(): void
  onEditLabels(): void
}

/** Select all shown, the selection's count (and how many the filters hide), clear, edit labels of the selection. */
export function NodeSelectionBar({ rows, selected, shownSelected, hiddenSelected, onSelectMany, onClear, onEditLabels }: NodeSelectionBarProps): ReactNode {
  const { t } = useTranslation()
  const allShownSelected = rows.length > 0 && shownSelected === rows.length
  return (
    <Group gap="sm" justify="space-between" mih={30}>
      <Group gap="sm">
        <Checkbox
          size="sm"
          label={t('nodes.selection.selectAll')}
          checked={allShownSelected}
          indeterminate={shownSelected > 0 && !allShownSelected}
          disabled={rows.length === 0}
          onChange={() =>
            onSelectMany(
              rows.map((n) => n.id),
              !allShownSelected
            )
          }
          data-testid="nodes-select-all"
        />
        {selected.length > 0 ? (
          <Text size="sm" c="dimmed" data-testid="nodes-selection-count" data-count={selected.length}>
            {t('nodes.selection.count', { count: selected.length })}
            {hiddenSelected > 0 ? ` (${t('nodes.selection.hidden', { count: hiddenSelected })})` : ''}
          </Text>
        ) : null}
      </Group>
      <Group gap="xs">
        {selected.length > 0 ? (
          <Button variant="subtle" size="xs" onClick={onClear} data-testid="nodes-clear-selection">
            {t('nodes.selection.clear')}
          </Button>
        ) : null}
        <Tooltip label={t('nodes.selection.editLabelsHint')} disabled={selected.length > 0} withArrow>
          <Button size="xs" leftSection={<IconTag size={14} />} disabled={selected.length === 0} onClick={onEditLabels} data-testid="edit-labels">
            {t('nodes.selection.editLabels')}
          </Button>
        </Tooltip>
      </Group>
    </Group>
  )
}
