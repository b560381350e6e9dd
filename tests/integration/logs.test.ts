import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LogBatch, LogLine } from '../../src/shared/logs'
import WebSocket from 'ws'
import { createLogService } from '../../src/main/logs/log-service'
import { createDispatcher } from '../../src/main/rpc/dispatcher'
import { startWsTransport } from '../../src/main/rpc/ws-transport'
import { createApiClient, createWsBridge, type WebSocketLike } from '../../src/renderer/src/api/client'
import { docker, labNode, requireLab, uniqueName, waitFor, type LabStatus } from '../support/lab'
import { deployTalkingStack } from '../support/log-stack'
import { startServices } from '../support/services'

// Service logs through SwarmDesk against the real swarm: services made with the docker CLI write
// known numbered lines on stdout and stderr; what arrives is checked against those numbers and
// against `docker service ps` / `docker service logs` on the same cluster.
let lab: LabStatus
let harness: ReturnType<typeof startServices>
let clusterId: string
const run = promisify(execFile)
const created: string[] = []
const LINES = 300
const FLOOD = 200_000

const numbered = uniqueName('h4-logs-num')
const ticker = uniqueName('h4-logs-tick')
const flood = uniqueName('h4-logs-flood')

async function createService(name: string, replicas: number, script: string): Promise<void> {
  created.push(name)
  await docker(lab, 'manager1', ['service', 'create', '--detach', '--name', name, '--replicas', String(replicas), '--log-opt', 'max-size=50m', lab.images.sleeper, 'sh', '-c', script])
}

beforeAll(async () => {
  lab = requireLab()
  harness = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
  clusterId = (await harness.call('clusters.open', { profileId: 'default' })).clusterId
  await createService(numbered, 2, `i=0; while [ $i -lt ${LINES} ]; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; done; exec sleep 100000`)
  await createService(ticker, 1, 'i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done')
  await waitFor(
    'both replicas of the numbered service to have written every line',
    async () => (await docker(lab, 'manager1', ['service', 'logs', '--raw', numbered])).split('\n').filter((l) => /^out \d+$/.test(l)).length === 2 * LINES,
    120_000
  )
})

afterAll(async () => {
  harness?.services.dispose()
  for (const name of created) await docker(lab, 'manager1', ['service', 'rm', name]).catch(() => undefined)
})

/** Starts a session through the contract and gathers its batches (acknowledging each) until it ends. */
async function readAll(input: { serviceIds: string[]; tail: number | null; since?: string | null }): Promise<{ lines: LogLine[]; tasks: LogBatch['tasks']; batches: LogBatch[] }> {
  const info = await harness.call('logs.start', { clusterId, target: { serviceIds: input.serviceIds }, follow: false, tail: input.tail, since: input.since ?? null })
  const batches = await waitFor(
    'the session to end',
    () => {
      const mine = harness.received.filter((e) => e.name === 'logs.batch' && (e.payload as LogBatch).sessionId === info.sessionId).map((e) => e.payload as LogBatch)
      for (const batch of mine) if (!batch.ended) void harness.call('logs.ack', { sessionId: info.sessionId, seq: batch.seq })
      return mine.some((b) => b.ended) ? mine : null
    },
    60_000
  )
  return { lines: batches.flatMap((b) => b.lines), tasks: Object.assign({}, ...batches.map((b) => b.tasks)) as LogBatch['tasks'], batches }
}

describe('service logs', () => {
  it('brings every line of every task, in order per task, with its stream and its service.slot@node', async () => {
    const { lines, tasks, batches } = await readAll({ serviceIds: [numbered], tail: null })
    // The docker CLI's own view of the tasks: slot and node per task id.
    const ps = (await docker(lab, 'manager1', ['service', 'ps', '--no-trunc', '--format', '{{.ID}} {{.Name}} {{.Node}}', numbered])).split('\n')
    const byTask = new Map(ps.map((row) => row.split(' ')).map(([id, name, node]) => [id, { slot: Number(name.split('.').pop()), node }]))
    const taskIds = [...new Set(lines.map((l) => l.task))]
    expect(taskIds).toHaveLength(2)
    for (const taskId of taskIds) {
      expect(tasks[taskId]).toMatchObject({ service: numbered, slot: byTask.get(taskId)?.slot, node: byTask.get(taskId)?.node })
      const own = lines.filter((l) => l.task === taskId)
      expect(own.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(Array.from({ length: LINES }, (_, i) => `out ${i + 1}`))
      expect(own.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(Array.from({ length: LINES }, (_, i) => `err ${i + 1}`))
      // Timestamps are the engine's, normalised to nanoseconds, and never go back within a task's stream.
      for (const stream of ['stdout', 'stderr']) {
        const ofStream = own.filter((l) => l.stream === stream)
        expect(ofStream.every((l, i) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/.test(l.ts) && (i === 0 || ofStream[i - 1].ts <= l.ts))).toBe(true)
      }
    }
    // Two tasks merged by time: what arrives together (one batch) is in time order. (A task whose
    // history the engine sends later can still come after newer lines of another task.)
    for (const batch of batches) expect(batch.lines.every((l, i) => i === 0 || batch.lines[i - 1].ts <= l.ts)).toBe(true)
  })

  it('honours --tail per task, like docker service logs', async () => {
    const { lines } = await readAll({ serviceIds: [numbered], tail: 5 })
    const cli = await run('docker', ['-H', `unix://${labNode(lab, 'manager1').socket}`, 'service', 'logs', '--raw', '--tail', '5', numbered])
    const cliLines = (text: string) => text.split('\n').filter(Boolean).sort()
    expect(lines).toHaveLength(10)
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text).sort()).toEqual(cliLines(cli.stdout))
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text).sort()).toEqual(cliLines(cli.stderr))
    for (const taskId of new Set(lines.map((l) => l.task))) expect(lines.filter((l) => l.task === taskId)).toHaveLength(5)
  })

  it('honours --since (a duration) and merges several services', async () => {
    await waitFor('the ticker to have run for 5 s', async () => Number((await docker(lab, 'manager1', ['service', 'logs', '--raw', '--tail', '1', ticker])).replace('tick ', '')) >= 25, 60_000)
    const startedAt = Date.now()
    const { lines, tasks } = await readAll({ serviceIds: [ticker, numbered], tail: null, since: '2s' })
    expect(lines.length).toBeGreaterThan(3)
    // Only the ticker wrote within the last 2 s: the numbered service finished long before.
    expect(new Set(Object.values(tasks).map((t) => t.service))).toEqual(new Set([ticker]))
    const oldest = Date.parse(lines[0].ts.replace(/\.(\d{3})\d+Z$/, '.$1Z'))
    expect(oldest).toBeGreaterThanOrEqual(startedAt - 2_000 - 1_000)
    const ticks = lines.map((l) => Number(l.text.replace('tick ', '')))
    expect(ticks[0]).toBeGreaterThan(1)
    expect(ticks.every((n, i) => i === 0 || n === ticks[i - 1] + 1)).toBe(true)
  })

  it('follows: new lines keep coming, numbered without a gap', async () => {
    const info = await harness.call('logs.start', { clusterId, target: { serviceIds: [ticker] }, follow: true, tail: 0, since: null })
    try {
      const ticks = await waitFor(
        'ten new ticks',
        () => {
          const mine = harness.received.filter((e) => e.name === 'logs.batch' && (e.payload as LogBatch).sessionId === info.sessionId).map((e) => e.payload as LogBatch)
          for (const batch of mine) void harness.call('logs.ack', { sessionId: info.sessionId, seq: batch.seq })
          const numbers = mine.flatMap((b) => b.lines).map((l) => Number(l.text.replace('tick ', '')))
          return numbers.length >= 10 ? numbers : null
        },
        30_000
      )
      expect(ticks.every((n, i) => i === 0 || n === ticks[i - 1] + 1)).toBe(true)
      expect(info.cli).toBe(`docker service logs --follow --tail 0 ${ticker}`)
    } finally {
      expect((await harness.call('logs.stop', { sessionId: info.sessionId })).stopped).toBe(true)
    }
    expect(harness.services.logs.stats(info.sessionId)).toBeNull()
  })

  it('reads a whole stack (made with docker stack deploy), its services merged', async () => {
    const stack = uniqueName('h4lg')
    try {
      await deployTalkingStack(lab, stack)
      for (const service of ['front', 'back']) {
        await waitFor(`${stack}_${service} to have written its line`, async () => {
          const { stdout, stderr } = await run('docker', ['-H', `unix://${labNode(lab, 'manager1').socket}`, 'service', 'logs', '--raw', `${stack}_${service}`])
          return stdout + stderr
        }, 120_000)
      }
      const info = await harness.call('logs.start', { clusterId, target: { stack }, follow: false, tail: null, since: null })
      expect(info.services.map((s) => s.name)).toEqual([`${stack}_back`, `${stack}_front`])
      expect(info.cli).toBe(`docker service logs ${stack}_back\ndocker service logs ${stack}_front`)
      const batches = await waitFor('the stack session to end', () => {
        const mine = harness.received.filter((e) => e.name === 'logs.batch' && (e.payload as LogBatch).sessionId === info.sessionId).map((e) => e.payload as LogBatch)
        return mine.some((b) => b.ended) ? mine : null
      })
      const lines = batches.flatMap((b) => b.lines.map((l) => ({ ...l, service: b.tasks[l.task]?.service })))
      expect(lines.map((l) => [l.service, l.stream, l.text]).sort()).toEqual([
        [`${stack}_back`, 'stderr', 'back is up'],
        [`${stack}_front`, 'stdout', 'front is up']
      ])
      await expect(harness.call('logs.start', { clusterId, target: { stack: 'h4-no-such-stack' }, follow: false, tail: null, since: null })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    } finally {
      await docker(lab, 'manager1', ['stack', 'rm', stack]).catch(() => undefined)
    }
  })

  it('refuses a bad since and an unknown service, starting nothing', async () => {
    await expect(harness.call('logs.start', { clusterId, target: { serviceIds: [numbered] }, follow: false, tail: 1, since: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(harness.call('logs.start', { clusterId, target: { serviceIds: ['h4-no-such-service'] }, follow: false, tail: 1, since: null })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('h4-no-such-service')
    })
    expect(harness.services.logs.sessionCount).toBe(0)
  })

  it('ends a session started over a WebSocket when that socket closes', async () => {
    const transport = await startWsTransport({ dispatcher: createDispatcher(harness.services.router), bus: harness.services.bus })
    try {
      const bridge = await createWsBridge(transport.wsUrl, (url) => new WebSocket(url) as unknown as WebSocketLike)
      const api = createApiClient(bridge, 'ws')
      const received: string[] = []
      api.on('logs.batch', (batch) => received.push(...batch.lines.map((l) => l.text)))
      const { sessionId } = await api.call('logs.start', { clusterId, target: { serviceIds: [ticker] }, follow: true, tail: 1, since: null })
      await waitFor('a line over the WebSocket', () => received.length > 0, 30_000)
      expect(harness.services.logs.stats(sessionId)).not.toBeNull()
      bridge.close()
      await waitFor('the session to end with its socket', () => harness.services.logs.stats(sessionId) === null, 10_000)
    } finally {
      await transport.close()
    }
  })

  it('ends its sessions when the cluster closes', async () => {
    const second = startServices({ env: { DOCKER_HOST: `unix://${labNode(lab, 'manager1').socket}` } })
    try {
      const id = (await second.call('clusters.open', { profileId: 'default' })).clusterId
      await second.call('logs.start', { clusterId: id, target: { serviceIds: [ticker] }, follow: true, tail: 0, since: null })
      expect(second.services.logs.sessionCount).toBe(1)
      await second.call('clusters.close', { clusterId: id })
      expect(second.services.logs.sessionCount).toBe(0)
    } finally {
      second.services.dispose()
    }
  })
})

describe('backpressure', () => {
  it('pauses the engine stream for a consumer that does not acknowledge, stays bounded, then resumes with nothing lost', async () => {
    await createService(flood, 1, `i=0; while [ $i -lt ${FLOOD} ]; do i=$((i+1)); echo "line $i"; done; exec sleep 100000`)
    const limits = { maxUnacked: 2, maxBatchLines: 1_000, highWater: 3_000, lowWater: 500, maxBuffered: 10_000 }
    const logs = createLogService({ registry: harness.services.registry, bus: harness.services.bus, limits })
    const delivered: LogBatch[] = []
    let acking = false
    let sessionId = ''
    const info = await logs.open({ clusterId, target: { serviceIds: [flood] }, follow: true, tail: null, since: null }, (batch) => {
      delivered.push(batch)
      if (acking) setImmediate(() => logs.ack(batch.sessionId, batch.seq))
    })
    sessionId = info.sessionId
    try {
      // Not acknowledging: two batches go out, then the queue fills and the stream is paused.
      await waitFor('the engine stream to be paused', () => logs.stats(sessionId)?.paused, 60_000)
      const samples: { buffered: number; received: number }[] = []
      await waitFor(
        'two seconds of samples while paused',
        async () => {
          const stats = logs.stats(sessionId)
          if (stats) samples.push({ buffered: stats.buffered, received: stats.received })
          return samples.length >= 20
        },
        30_000
      )
      expect(delivered).toHaveLength(limits.maxUnacked)
      expect(Math.max(...samples.map((s) => s.buffered))).toBeLessThanOrEqual(limits.maxBuffered)
      // Paused means paused: at most what was already in flight arrives after the pause.
      expect(samples.at(-1)!.received - samples[0].received).toBeLessThan(2_000)
      expect(samples.at(-1)!.received).toBeLessThan(FLOOD)

      acking = true
      for (const batch of delivered) logs.ack(batch.sessionId, batch.seq)
      await waitFor(
        'every line after resuming',
        () => {
          const lines = delivered.flatMap((b) => b.lines)
          const last = lines.at(-1)
          return last?.text === `line ${FLOOD}`
        },
        180_000
      )
      const lines = delivered.flatMap((b) => b.lines)
      const skipped = lines.filter((l) => l.stream === 'skipped').reduce((sum, l) => sum + (l.count ?? 0), 0)
      const numbers = lines.filter((l) => l.stream === 'stdout').map((l) => Number(l.text.replace('line ', '')))
      // Nothing lost silently: every number is there, in order, or counted by a "skipped" marker.
      expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1])).toBe(true)
      expect(numbers.length + skipped).toBe(FLOOD)
      expect(logs.stats(sessionId)?.pauses).toBeGreaterThanOrEqual(1)
      console.log(`backpressure: ${FLOOD} lines, ${logs.stats(sessionId)?.pauses} pauses, ${skipped} skipped`)
    } finally {
      logs.dispose()
    }
  })
})
