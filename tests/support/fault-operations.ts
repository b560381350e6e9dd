// The operations the fault suite runs while a fault hits (tests/faults): each one through the
// real services, recording what the app reported, so that the end state can be compared with
// what the cluster holds (the docker CLI as the independent witness).
import type { Endpoint } from '../../src/shared/connections'
import type { LogBatch, LogLine } from '../../src/shared/logs'
import { recordFault } from './fault-table'
import { docker, waitFor, type LabStatus } from './lab'
import type { startServices } from './services'

type Harness = ReturnType<typeof startServices>

/** A service's command that logs `tick N` five times a second: a log follow shows any gap in the numbering. */
export const TICKER_COMMAND = ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done']

/** A profile of these endpoints saved and opened (on its first endpoint, ready); its cluster and the nodes' IDs. */
export async function openForFault(h: Harness, name: string, endpoints: Endpoint[]): Promise<{ clusterId: string; nodeIds: string[] }> {
  const profile = await h.call('connections.save', { name, endpoints })
  const opened = await h.call('clusters.open', { profileId: profile.id })
  if (opened.phase !== 'ready' || opened.endpointIndex !== 0) throw new Error(`${name}: opened ${opened.phase} on endpoint ${opened.endpointIndex}, not ready on the first`)
  const nodeIds = (await h.call('clusters.snapshot', { clusterId: opened.clusterId })).nodes.map((n) => n.id)
  return { clusterId: opened.clusterId, nodeIds }
}

/** A stream of label edits (one new key per edit, on every node given) until stop(). */
export function labelBatch(h: Harness, clusterId: string, nodeIds: string[], prefix: string) {
  const ok: string[] = []
  const failed: string[] = []
  let running = true
  let sent = 0
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const key = `${prefix}.${i}`
      sent++
      try {
        const { results } = await h.call('nodes.updateLabels', { clusterId, nodeIds, add: { [key]: String(i) }, remove: [] })
        for (const r of results) (r.ok ? ok : failed).push(`${r.nodeId}/${key}`)
      } catch {
        // refused as a whole (the cluster is reconnecting): every node's edit is reported failed
        for (const nodeId of nodeIds) failed.push(`${nodeId}/${key}`)
      }
      await new Promise((r) => setTimeout(r, 150))
    }
  })()
  return {
    async stop(): Promise<{ sent: number; ok: string[]; failed: string[] }> {
      running = false
      await loop
      return { sent, ok, failed }
    }
  }
}

/** Every `nodeId/key` label the nodes carry now with the prefix, read with the docker CLI. */
export async function labelsOnCluster(lab: LabStatus, manager: string, nodeIds: string[], prefix: string): Promise<Set<string>> {
  const present = new Set<string>()
  for (const nodeId of nodeIds) {
    const labels = JSON.parse(await docker(lab, manager, ['node', 'inspect', '--format', '{{json .Spec.Labels}}', nodeId])) as Record<string, string> | null
    for (const key of Object.keys(labels ?? {})) if (key.startsWith(`${prefix}.`)) present.add(`${nodeId}/${key}`)
  }
  return present
}

/**
 * The end state of a label batch: no edit reported applied may be missing (a lost edit); the
 * edits reported failed are made again, as the user would, and must then all be there.
 */
export async function settleLabels(h: Harness, lab: LabStatus, manager: string, clusterId: string, nodeIds: string[], prefix: string, report: { ok: string[]; failed: string[] }) {
  const present = await labelsOnCluster(lab, manager, nodeIds, prefix)
  const lost = report.ok.filter((edit) => !present.has(edit))
  const appliedAnyway = report.failed.filter((edit) => present.has(edit)).length
  for (const edit of report.failed) {
    const [nodeId, key] = edit.split('/')
    const { results } = await h.call('nodes.updateLabels', { clusterId, nodeIds: [nodeId], add: { [key]: key.split('.').pop() ?? '' }, remove: [] })
    if (!results[0].ok) throw new Error(`re-applying ${edit} failed: ${results[0].error?.message}`)
  }
  const after = await labelsOnCluster(lab, manager, nodeIds, prefix)
  const missing = [...report.ok, ...report.failed].filter((edit) => !after.has(edit))
  return { lost, missing, appliedAnyway, total: report.ok.length + report.failed.length }
}

/** settleLabels, then the batch's row of the fault table; returns the edits lost and missing (both must be none). */
export async function settleAndRecordLabels(h: Harness, lab: LabStatus, manager: string, clusterId: string, nodeIds: string[], prefix: string, report: { ok: string[]; failed: string[] }, row: { fault: string; reconnectMs: number | null }) {
  const settled = await settleLabels(h, lab, manager, clusterId, nodeIds, prefix, report)
  recordFault({
    fault: row.fault,
    operation: 'label edit batch',
    outcome: `${report.ok.length} applied, ${report.failed.length} reported failed (${settled.appliedAnyway} applied anyway) and re-applied`,
    reconnectMs: row.reconnectMs,
    compared: `${settled.total} edits, ${settled.lost.length} lost, ${settled.missing.length} missing`
  })
  return settled
}

/** Removes every label of the prefix from the nodes (cleanup). */
export async function removeLabels(lab: LabStatus, manager: string, nodeIds: string[], prefix: string): Promise<void> {
  for (const nodeId of nodeIds) {
    const labels = JSON.parse(await docker(lab, manager, ['node', 'inspect', '--format', '{{json .Spec.Labels}}', nodeId])) as Record<string, string> | null
    const keys = Object.keys(labels ?? {}).filter((k) => k.startsWith(`${prefix}.`))
    if (keys.length) await docker(lab, manager, ['node', 'update', ...keys.flatMap((k) => ['--label-rm', k]), nodeId])
  }
}

/** A followed log session (acknowledging every batch, as the renderer does), with when each line arrived. */
export async function followLogs(h: Harness, clusterId: string, serviceId: string) {
  const info = await h.call('logs.start', { clusterId, target: { serviceIds: [serviceId] }, follow: true, tail: 1, since: null })
  const mine = () => h.received.filter((e) => e.name === 'logs.batch' && (e.payload as LogBatch).sessionId === info.sessionId)
  const acked = new Set<number>()
  const ack = setInterval(() => {
    for (const e of mine()) {
      const { seq } = e.payload as LogBatch
      if (!acked.has(seq)) {
        acked.add(seq)
        h.call('logs.ack', { sessionId: info.sessionId, seq }).catch(() => undefined)
      }
    }
  }, 100)
  return {
    sessionId: info.sessionId,
    lines: (): { at: number; line: LogLine }[] => mine().flatMap((e) => (e.payload as LogBatch).lines.map((line) => ({ at: e.at, line }))),
    ended: (): boolean => mine().some((e) => (e.payload as LogBatch).ended),
    async stop(): Promise<void> {
      clearInterval(ack)
      await h.call('logs.stop', { sessionId: info.sessionId }).catch(() => undefined)
    }
  }
}

/**
 * Where a followed ticker's numbering breaks: gaps (a line lost) and repeats (a line delivered
 * twice). The ticker prints `tick 1, tick 2, ...`: any break is a fault of the follow. Pure.
 */
function tickBreaks(texts: readonly string[]): { ticks: number; gaps: number; repeats: number } {
  const ticks = texts.map((t) => Number(/tick (\d+)/.exec(t)?.[1])).filter((n) => Number.isFinite(n))
  let gaps = 0
  let repeats = 0
  for (let i = 1; i < ticks.length; i++) {
    if (ticks[i] <= ticks[i - 1]) repeats++
    else if (ticks[i] !== ticks[i - 1] + 1) gaps++
  }
  return { ticks: ticks.length, gaps, repeats }
}

/**
 * The known state of a followed log after a fault: it must follow on through the new link (ticks
 * after `from`), every tick once and in order, and say once that it moved; or, when it ended, it
 * must say why (then it is not `ok`: the follow is expected to survive a manager going).
 */
export async function logOutcome(follow: Awaited<ReturnType<typeof followLogs>>, from: number): Promise<{ outcome: string; compared: string; ok: boolean }> {
  const settled = await waitFor(
    'the log session to follow again or to end',
    () => {
      const after = follow.lines().filter((l) => l.at > from && l.line.stream === 'stdout')
      if (after.length >= 10) return { outcome: 'still following', after }
      if (follow.ended()) return { outcome: 'ended', after }
      return null
    },
    45_000
  ).catch(() => null)
  const notices = follow.lines().filter((l) => l.line.stream === 'notice')
  const resumed = notices.filter((l) => l.line.said?.key === 'logs.said.resumed').length
  const { ticks, gaps, repeats } = tickBreaks(follow.lines().filter((l) => l.line.stream === 'stdout').map((l) => l.line.text))
  const compared = `${ticks} ticks, ${gaps} gap(s), ${repeats} repeat(s), ${resumed} switch notice(s)`
  if (!settled) return { outcome: 'HUNG: no line, no end, no notice', compared, ok: false }
  const told = notices.length ? `; said: ${notices[notices.length - 1].line.text.slice(0, 60)}` : ''
  if (settled.outcome === 'ended') return { outcome: `ended with a notice${told}`, compared, ok: false }
  return { outcome: `followed on through the new link${told}`, compared, ok: gaps === 0 && repeats === 0 && resumed === 1 }
}

/** Starts a rolling update of a service to another image through services.update (the rollout is then the swarm's). */
export async function startRollout(h: Harness, clusterId: string, serviceName: string, image: string): Promise<void> {
  const edit = await h.call('services.edit', { clusterId, serviceId: serviceName })
  const result = await h.call('services.update', { clusterId, serviceId: edit.serviceId, base: edit.draft, draft: { ...edit.draft, image } })
  if (!result.changed) throw new Error(`${serviceName}: the update changed nothing`)
}

/** The rollout as the mirror shows it (the app's monitor) and as the docker CLI sees it. */
export async function rolloutSettled(h: Harness, lab: LabStatus, manager: string, clusterId: string, serviceName: string, image: string, replicas: number) {
  const monitor = await waitFor(
    'the mirror to show the rollout completed',
    () => {
      const service = Object.values(h.model(clusterId)?.services ?? {}).find((s) => s.name === serviceName)
      return service && service.updateStatus?.state === 'completed' && service.image.startsWith(image) && service.runningTasks === replicas ? service : null
    },
    120_000
  )
  const running = (await docker(lab, manager, ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Image}} {{.CurrentState}}', serviceName])).split('\n').filter((l) => l.startsWith(image) && l.includes('Running'))
  return { monitor: monitor.updateStatus?.state ?? 'none', running: running.length }
}
