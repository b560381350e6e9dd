// The rotation procedures: plan, rotate (journal first, then run), the journals, resume and roll
// back. A plan made stale by a concurrent change is refused (STALE_PLAN) and planned again.
import { randomUUID } from 'node:crypto'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { swarmIdOf as swarmIdOfCluster } from '../clusters/swarm-id'
import type { EventBus } from '../rpc/event-bus'
import { phrase } from '../../shared/phrase'
import { refusal, spreadWords } from '../i18n/words'
import { beforeExecTarget, type RotationOptions, type RotationPlan, type RotationResult, type StoredKind, type ValueSource, type RotationRecord } from '../../shared/secrets'
import { StackEngine } from '../docker/stack-engine'
import { asShown, isUnfinished, RotationJournal, type Journal } from './rotation-journal'
import { beforeExecCli, createCli, mountCli, refusalsSaid, removeCli, swapCli, unmountCli } from './rotation-planner'
import { rotationPlanning } from './rotation-plan-input'
import { RotationRunner, type RunnerDeps, type RunOutcome } from './rotation-runner'
import { valueProblem, type ValueHmac } from './secret-values'
import { clusterMirrorFeed } from '../rollouts/convergence-watcher'
import { listObjects, withValue } from './secret-objects'

export interface RotationsDeps {
  registry: ClusterRegistry
  bus: EventBus
  dataDir: string
  /** step observer and rollout timeout (the crash tests use the observer) */
  rotation?: Partial<Pick<RunnerDeps, 'onStep' | 'rolloutTimeoutMs'>>
  /** the before-exec step's command in a task of a service (node access; composition.ts wires it) */
  execInService?: (clusterId: string, serviceId: string, command: string[], env: string[]) => Promise<{ exitCode: number | null; output: string }>
}

/** The docker CLI commands of what a journal says was done, in order. */
export function cliOfJournal(journal: Journal): string[] {
  const lines: string[] = []
  for (const entry of journal.log.filter((e) => e.state === 'done')) {
    const service = journal.services.find((s) => s.serviceName === entry.subject)
    if (entry.kind === 'create') lines.push(createCli(journal.kind, journal.new.name, journal.newLabels))
    else if (entry.kind === 'update' && service) lines.push(swapCli(journal.kind, service.serviceName, journal.old.name, journal.new.name, service.references, journal.orderChanged.includes(service.serviceId) ? service.order : null, journal.beforeExec?.serviceId === service.serviceId ? journal.new.name : null))
    else if (entry.kind === 'revert' && service) lines.push(swapCli(journal.kind, service.serviceName, journal.new.name, journal.old.name, service.references, null))
    else if (entry.kind === 'mount' && journal.beforeExec) lines.push(mountCli(journal.kind, journal.beforeExec.serviceName, journal.new.name))
    else if (entry.kind === 'exec' && journal.beforeExec) lines.push(beforeExecCli(journal.kind, journal.beforeExec.serviceName, journal.new.name, journal.beforeExec.command))
    else if (entry.kind === 'unmount' && journal.beforeExec) lines.push(unmountCli(journal.kind, journal.beforeExec.serviceName, journal.new.name))
    else if (entry.kind === 'remove-old') lines.push(removeCli(journal.kind, journal.old.name))
    else if (entry.kind === 'remove-new') lines.push(removeCli(journal.kind, journal.new.name))
  }
  return lines
}

/** The journal of a rotation about to start: written before the first change, so a crash leaves a trace to resume from. */
function newJournal(swarmId: string, kind: StoredKind, plan: RotationPlan, templating: string | null): Journal {
  const now = new Date().toISOString()
  return {
    id: `${now.slice(0, 10)}-${randomUUID().slice(0, 8)}`,
    swarmId,
    kind,
    startedAt: now,
    updatedAt: now,
    state: 'running',
    old: { id: plan.old.id, name: plan.old.name },
    new: { id: null, name: plan.newName },
    removeOld: plan.removeOld,
    oldRemoved: false,
    beforeExec: plan.beforeExec && { serviceId: plan.beforeExec.serviceId, serviceName: plan.beforeExec.serviceName, command: plan.beforeExec.command, target: beforeExecTarget(kind, plan.newName), ran: false },
    services: plan.consumers.map((c) => ({ serviceId: c.serviceId, serviceName: c.serviceName, references: c.references, order: c.order, state: 'pending' as const })),
    log: [],
    failure: null,
    newLabels: plan.newLabels,
    templating,
    newRemoved: false,
    orderChanged: plan.consumers.filter((c) => c.order !== c.policy.order).map((c) => c.serviceId)
  }
}

export function createRotations(deps: RotationsDeps, hmac: ValueHmac) {
  const journals = new RotationJournal(deps.dataDir)
  /** rotations this process is running now (a `running` journal not in here was interrupted) */
  const active = new Set<string>()
  /** objects (old version IDs) a rotation of this process is moving now */
  const busyObjects = new Set<string>()

  const engineOf = (clusterId: string) => new StackEngine(deps.registry.get(clusterId).engine)

  const swarmIdOf = (clusterId: string): Promise<string> => swarmIdOfCluster(deps.registry, clusterId)
  const buildPlan = rotationPlanning(deps.registry, deps.dataDir, hmac, journals)

  function runnerFor(clusterId: string, requestId: string | undefined): RotationRunner {
    return new RotationRunner({
      engine: engineOf(clusterId),
      journal: journals,
      publish: (progress) => deps.bus.publish('secrets.progress', spreadWords(progress, { requestId: requestId ?? null })),
      onStep: deps.rotation?.onStep,
      rolloutTimeoutMs: deps.rotation?.rolloutTimeoutMs ?? 10 * 60_000,
      mirror: clusterMirrorFeed(deps.registry, deps.bus, clusterId),
      ...(deps.execInService ? { execInService: (serviceId: string, command: string[], env: string[]) => (deps.execInService as NonNullable<RotationsDeps['execInService']>)(clusterId, serviceId, command, env) } : {})
    })
  }

  function resultOf(outcome: RunOutcome): RotationResult {
    const { journal } = outcome
    return {
      rotationId: journal.id,
      outcome: outcome.outcome,
      kind: journal.kind,
      old: { id: journal.old.id, name: journal.old.name, removed: journal.oldRemoved },
      new: { id: journal.new.id, name: journal.new.name, removed: journal.newRemoved },
      failure: journal.failure,
      notes: outcome.notes,
      record: asShown(journal, active),
      cli: cliOfJournal(journal)
    }
  }

  async function loadJournal(clusterId: string, rotationId: string): Promise<Journal> {
    const journal = await journals.load(rotationId)
    if (!journal || journal.swarmId !== (await swarmIdOf(clusterId))) throw refusal('NOT_FOUND', phrase('secrets.said.service.noSuchRotation', { id: rotationId }))
    if (active.has(rotationId)) throw refusal('ROTATION_IN_PROGRESS', phrase('secrets.said.service.rotationRunning', { id: rotationId }))
    if (!isUnfinished(journal)) {
      throw journal.state === 'completed'
        ? refusal('CONFLICT', phrase('secrets.said.service.alreadyCompleted', { id: rotationId }))
        : refusal('CONFLICT', phrase('secrets.said.service.alreadyRolledBack', { id: rotationId }))
    }
    return journal
  }

  async function running<T>(rotationId: string, work: () => Promise<T>): Promise<T> {
    active.add(rotationId)
    try {
      return await work()
    } finally {
      active.delete(rotationId)
    }
  }

  /** Journal first, then run it like a resume from the start (the same code finishes interrupted ones). */
  async function startRotation(input: { clusterId: string; kind: StoredKind; requestId?: string }, plan: RotationPlan, value: Buffer | null): Promise<RotationResult> {
    const object = (await listObjects(engineOf(input.clusterId), input.kind)).find((o) => o.ID === plan.old.id)
    const journal = newJournal(await swarmIdOf(input.clusterId), input.kind, plan, object?.Spec.Templating?.Name ?? null)
    return running(journal.id, async () => {
      const runner = runnerFor(input.clusterId, input.requestId)
      await runner.begin(journal)
      return resultOf(await runner.resume(journal, value))
    })
  }

  return {
    async planRotation(input: { clusterId: string; kind: StoredKind; objectId: string; value?: ValueSource } & RotationOptions): Promise<RotationPlan> {
      return withValue(input.value, input.kind, (value) => buildPlan(input, value))
    },

    async rotate(input: { clusterId: string; kind: StoredKind; objectId: string; value: ValueSource; expectFingerprint?: string; requestId?: string } & RotationOptions): Promise<RotationResult> {
      return withValue(input.value, input.kind, async (value) => {
        const plan = await buildPlan(input, value)
        if (plan.refusals.length) {
          throw refusal(plan.refusals[0].code, refusalsSaid(plan.refusals))
        }
        if (input.expectFingerprint && input.expectFingerprint !== plan.fingerprint) {
          throw refusal('STALE_PLAN', phrase('secrets.said.service.stalePlan', { name: plan.old.name }))
        }
        // Checked and taken with no await in between: two rotations of one object started at the
        // same moment both pass the journal check of the plan, only one passes this.
        if (busyObjects.has(plan.old.id)) throw refusal('ROTATION_IN_PROGRESS', phrase('secrets.said.service.beingRotated', { name: plan.old.name }))
        busyObjects.add(plan.old.id)
        try {
          return await startRotation(input, plan, value)
        } finally {
          busyObjects.delete(plan.old.id)
        }
      })
    },

    async rotations(clusterId: string, onlyUnfinished: boolean): Promise<RotationRecord[]> {
      const swarmId = await swarmIdOf(clusterId)
      return (await journals.list()).filter((j) => j.swarmId === swarmId && (!onlyUnfinished || isUnfinished(j))).map((j) => asShown(j, active))
    },

    async resume(input: { clusterId: string; rotationId: string; value?: ValueSource; requestId?: string }): Promise<RotationResult> {
      const journal = await loadJournal(input.clusterId, input.rotationId)
      return withValue(input.value, journal.kind, async (value) => {
        if (value) {
          const problem = valueProblem(value, journal.kind)
          if (problem) throw problem
          // The new version gets the HMAC of the value given now, like a fresh rotation would.
          if (journal.kind === 'secret' && !journal.new.id) journal.newLabels = { ...journal.newLabels, ...(await hmac.labelsFor(value)) }
        }
        return running(journal.id, async () => resultOf(await runnerFor(input.clusterId, input.requestId).resume(journal, value)))
      })
    },

    async rollback(input: { clusterId: string; rotationId: string; keepNew: boolean; requestId?: string }): Promise<RotationResult> {
      const journal = await loadJournal(input.clusterId, input.rotationId)
      return running(journal.id, async () => resultOf(await runnerFor(input.clusterId, input.requestId).rollBack(journal, { keepNew: input.keepNew })))
    }
  }
}
