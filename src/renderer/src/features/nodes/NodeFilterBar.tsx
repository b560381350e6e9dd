import { useMemo, type ReactNode } from 'react'
import { Autocomplete, Button, Group, Select, TextInput, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { labelFilterSuggestions, type NodeFilters } from './node-filter'
import { useNodesStore } from './nodes-store'

/** Text, role, availability and label filters; all of them must hold. */
export function NodeFilterBar({ nodes }: { nodes: readonly SwarmNode[] }): ReactNode {
  const { t } = useTranslation()
  const filter = useNodesStore((s) => s.filter)
  const role = useNodesStore((s) => s.role)
  const availability = useNodesStore((s) => s.availability)
  const label = useNodesStore((s) => s.label)
  const setFilter = useNodesStore((s) => s.setFilter)
  const setRole = useNodesStore((s) => s.setRole)
  const setAvailability = useNodesStore((s) => s.setAvailability)
  const setLabel = useNodesStore((s) => s.setLabel)
  const clearFilters = useNodesStore((s) => s.clearFilters)
  const suggestions = useMemo(() => labelFilterSuggestions(nodes), [nodes])
  const any = filter !== '' || role !== 'all' || availability !== 'all' || label !== ''

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" justify="flex-end">
      <Select
        aria-label={t('nodes.filters.role')}
        data={[
          { value: 'all', label: t('nodes.filters.allRoles') },
          { value: 'manager', label: t('status.manager') },
          { value: 'worker', label: t('status.worker') }
        ]}
        value={role}
        onChange={(value) => setRole((value ?? 'all') as NodeFilters['role'])}
        allowDeselect={false}
        w={130}
        data-testid="nodes-filter-role"
      />
      <Select
        aria-label={t('nodes.filters.availability')}
        data={[
          { value: 'all', label: t('nodes.filters.allAvailabilities') },
          { value: 'active', label: t('status.active') },
          { value: 'pause', label: t('status.pause') },
          { value: 'drain', label: t('status.drain') }
        ]}
        value={availability}
        onChange={(value) => setAvailability((value ?? 'all') as NodeFilters['availability'])}
        allowDeselect={false}
        w={165}
        data-testid="nodes-filter-availability"
      />
      <Tooltip label={t('nodes.filters.labelHint')} withArrow multiline w={300} openDelay={400}>
        <Autocomplete
          aria-label={t('nodes.filters.label')}
          placeholder={t('nodes.filters.labelPlaceholder')}
          data={suggestions}
          value={label}
          onChange={setLabel}
          w={200}
          spellCheck={false}
          data-testid="nodes-filter-label"
        />
      </Tooltip>
      <TextInput
        placeholder={t('nodes.filter')}
        aria-label={t('nodes.filter')}
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value)}
        w={240}
        data-testid="nodes-filter"
      />
      {any ? (
        <Button variant="subtle" size="sm" onClick={clearFilters} data-testid="nodes-filter-clear">
          {t('nodes.filters.clear')}
        </Button>
      ) : null}
    </Group>
  )
}
