import { useEffect, type ReactNode } from 'react'
import { Stack } from '@mantine/core'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { RemoveStackDialog } from './RemoveStackDialog'
import { StackDetail } from './StackDetail'
import { StackEditor } from './StackEditor'
import { StackList } from './StackList'
import { useStackListStore } from './stack-list-store'
import { stackNamesKey } from './stack-rows'
import { bindStacksCluster, loadStacks } from './stacks-actions'
import classes from './stacks.module.css'

/**
 * Stacks: the list (CLI-made stacks included), one stack with its drift, and the editor with
 * inline validation, the plan and the deploy. Main plans and applies; this page asks and shows.
 */
export function StacksPage({ clusterId }: { clusterId: string }): ReactNode {
  const api = useApi()
  const view = useStackListStore((s) => s.view)
  const services = useModelField(clusterId, 'services')
  const names = stackNamesKey(services)

  useEffect(() => bindStacksCluster(clusterId), [clusterId])
  // main's list (deploy times) again whenever a stack appears or goes
  useEffect(() => {
    void loadStacks(api, clusterId)
  }, [api, clusterId, names])

  return (
    <Stack gap="sm" p="md" className={classes.page} data-testid="stacks-page" data-view={view.kind}>
      {view.kind === 'editor' ? <StackEditor clusterId={clusterId} /> : view.kind === 'stack' ? <StackDetail clusterId={clusterId} name={view.name} /> : <StackList clusterId={clusterId} />}
      <RemoveStackDialog clusterId={clusterId} />
    </Stack>
  )
}
