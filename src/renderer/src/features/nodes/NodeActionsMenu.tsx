import type { ReactNode } from 'react'
import { ActionIcon, Menu } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SwarmNode } from '../../../../shared/domain'
import { useApi } from '../../api/api-context'
import { IconCheck } from '../../components/icons'
import { IconDots, IconTag } from './node-icons'
import type { NodeAction } from './node-change-store'
import { checkNodeChange } from './nodes-actions'

const availabilityActions = ['active', 'pause', 'drain'] as const

/** The row menu: labels of this one node, availability, role. The current state is not offered. */
export function NodeActionsMenu({ clusterId, node, onEditLabels }: { clusterId: string; node: SwarmNode; onEditLabels: () => void }): ReactNode {
  const { t } = useTranslation()
  const api = useApi()
  const run = (action: NodeAction) => void checkNodeChange(api, clusterId, node, action)
  return (
    <Menu position="bottom-end" shadow="md" withinPortal width={220}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('nodes.actions.menu', { node: node.hostname })} data-testid={`node-actions-${node.hostname}`}>
          <IconDots />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown data-testid="node-actions-menu">
        <Menu.Item leftSection={<IconTag size={14} />} onClick={onEditLabels} data-testid="node-action-labels">
          {t('nodes.actions.editLabels')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('nodes.actions.availability')}</Menu.Label>
        {availabilityActions.map((action) => {
          const current = node.availability === action
          return (
            <Menu.Item
              key={action}
              disabled={current}
              leftSection={current ? <IconCheck size={14} /> : <span style={{ width: 14, display: 'inline-block' }} />}
              onClick={() => run(action)}
              data-testid={`node-action-${action}`}
            >
              {t(`nodes.actions.${action}` as const)}
            </Menu.Item>
          )
        })}
        <Menu.Divider />
        <Menu.Label>{t('nodes.actions.role')}</Menu.Label>
        <Menu.Item disabled={node.role === 'manager'} onClick={() => run('promote')} data-testid="node-action-promote">
          {t('nodes.actions.promote')}
        </Menu.Item>
        <Menu.Item disabled={node.role === 'worker'} onClick={() => run('demote')} data-testid="node-action-demote">
          {t('nodes.actions.demote')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
