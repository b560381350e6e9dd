import { useEffect, useRef } from 'react'
import { useApi } from '../../api/api-context'
import { useModelField } from '../mirror/mirror-context'
import { planDraft, planMatrix, planService } from './placement-actions'
import { useDraftStore } from './draft-store'
import { usePlacementStore } from './placement-store'
import { settleDelay } from './settle'
import { useWhatIfStore } from './whatif-store'

/**
 * How long a question waits for the next change before it is asked. The mirror moves in bursts
 * (a deployment is dozens of task updates), and the user types: one plan per pause, not per key.
 */
export const REPLAN_DELAY_MS = 300
export const DRAFT_DELAY_MS = 250
/** A cluster that never pauses (a rollout) still gets a fresh plan this often. */
export const REPLAN_MAX_WAIT_MS = 1500

type Question = 'matrix' | 'service' | 'draft'

/**
 * Keeps the page's plans current: re-asks main whenever the live model (nodes, services, tasks)
 * or the user's question (what-if list, selection, draft form) changes, debounced. Only what is
 * on screen is planned.
 */
export function usePlacementPlanning(clusterId: string): void {
  const api = useApi()
  const nodes = useModelField(clusterId, 'nodes')
  const services = useModelField(clusterId, 'services')
  const tasks = useModelField(clusterId, 'tasks')
  const view = usePlacementStore((s) => s.view)
  const panel = usePlacementStore((s) => s.panel)
  const selectedServiceId = usePlacementStore((s) => s.selectedServiceId)
  const boundCluster = usePlacementStore((s) => s.clusterId)
  const changes = useWhatIfStore((s) => s.changes)
  const prune = useWhatIfStore((s) => s.prune)
  const form = useDraftStore((s) => s.form)
  const ready = boundCluster === clusterId
  // When each question first changed without being asked since (for the debounce's ceiling).
  const unanswered = useRef<Record<Question, number | null>>({ matrix: null, service: null, draft: null })
  const schedule = (question: Question, delay: number, ask: () => void): (() => void) => {
    const first = (unanswered.current[question] ??= Date.now())
    const timer = setTimeout(() => {
      unanswered.current[question] = null
      ask()
    }, settleDelay(first, Date.now(), delay, REPLAN_MAX_WAIT_MS))
    return () => clearTimeout(timer)
  }

  // Nodes and services that left take their hypothetical changes with them.
  useEffect(() => {
    if (nodes && services) prune(new Set(Object.keys(nodes)), new Set(Object.keys(services)))
  }, [nodes, services, prune])

  useEffect(() => {
    if (!ready || view !== 'matrix') return
    return schedule('matrix', REPLAN_DELAY_MS, () => void planMatrix(api, clusterId, changes))
  }, [api, clusterId, ready, view, changes, nodes, services, tasks])

  const serviceExists = Boolean(selectedServiceId && services?.[selectedServiceId])
  useEffect(() => {
    if (!ready || view !== 'matrix' || panel !== 'service' || !selectedServiceId || !serviceExists) return
    return schedule('service', REPLAN_DELAY_MS, () => void planService(api, clusterId, selectedServiceId, changes))
  }, [api, clusterId, ready, view, panel, selectedServiceId, serviceExists, changes, nodes, services, tasks])

  useEffect(() => {
    if (!ready || view !== 'draft') return
    return schedule('draft', DRAFT_DELAY_MS, () => void planDraft(api, clusterId, form))
  }, [api, clusterId, ready, view, form, nodes, services, tasks])
}
