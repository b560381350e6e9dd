import { useEffect, useMemo } from 'react'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { useDeployProgressStore } from './deploy-progress-store'
import { planEditor } from './stacks-actions'
import { useStackEditorStore } from './stack-editor-store'
import { planRequestOf } from './stack-input'

/** One plan per pause in typing, not per key. */
export const PLAN_DELAY_MS = 400

/**
 * Keeps the editor's plan current: asks main again (debounced) when what the plan depends on
 * changes — the files, the name, the options — or when the stack's services change on the
 * cluster (someone else deployed). Paused while a deploy runs.
 */
export function useStackPlanning(clusterId: string): void {
  const api = useApi()
  const name = useStackEditorStore((s) => s.name)
  const mode = useStackEditorStore((s) => s.mode)
  const buffers = useStackEditorStore((s) => s.buffers)
  const paths = useStackEditorStore((s) => s.paths)
  const options = useStackEditorStore((s) => s.options)
  const deploying = useDeployProgressStore((s) => s.running)
  const services = useModelField(clusterId, 'services')

  const readiness = useMemo(() => planRequestOf({ name, mode, buffers, paths, options }), [name, mode, buffers, paths, options])
  const key = readiness.ready ? readiness.key : null
  // Spec versions of the stack's services: task churn does not re-plan, a service update does.
  const live = useMemo(
    () =>
      Object.values(services ?? {})
        .filter((s) => s.stack === name)
        .map((s) => `${s.id}:${s.version}`)
        .sort()
        .join(','),
    [services, name]
  )

  useEffect(() => {
    if (deploying) return
    if (key === null) {
      void planEditor(api, clusterId)
      return
    }
    const { shown, planningKey } = useStackEditorStore.getState()
    if (planningKey === key) return
    const force = shown !== null && shown.key === key && shown.clusterId === clusterId
    const timer = setTimeout(() => void planEditor(api, clusterId, force), PLAN_DELAY_MS)
    return () => clearTimeout(timer)
  }, [api, clusterId, key, live, deploying])
}
