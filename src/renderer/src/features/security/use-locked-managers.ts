import { useEffect, useMemo, useState } from 'react'
import { useApi } from '../../api/api-context'
import type { ManagerProbe } from '../../../../shared/security'
import { useModelField } from '../mirror/mirror-context'

/**
 * The managers the leader cannot reach, asked over their own connection whether they are locked
 * (an autolocked manager after a restart). Asked again whenever the set of unreachable managers
 * changes; nothing is asked while every manager is reachable.
 */
export function useManagerProbes(clusterId: string): ManagerProbe[] {
  const api = useApi()
  const nodes = useModelField(clusterId, 'nodes')
  const unreachable = useMemo(
    () =>
      Object.values(nodes ?? {})
        .filter((n) => n.role === 'manager' && n.manager && n.manager.reachability !== 'reachable')
        .map((n) => n.id)
        .sort()
        .join(','),
    [nodes]
  )
  // the answer is kept with the set it was asked for: a stale one is never shown
  const [answer, setAnswer] = useState<{ key: string; probes: ManagerProbe[] }>({ key: '', probes: [] })
  useEffect(() => {
    if (!unreachable) return
    let live = true
    api.call('security.probeManagers', { clusterId }).then(
      (probes) => live && setAnswer({ key: unreachable, probes }),
      () => live && setAnswer({ key: unreachable, probes: [] })
    )
    return () => {
      live = false
    }
  }, [api, clusterId, unreachable])
  return unreachable && answer.key === unreachable ? answer.probes : NONE
}

const NONE: ManagerProbe[] = []
