// The secrets and configs procedures: lists with consumers, config content, create, remove, and
// the rotation engine (plan, rotate, journal, resume, roll back). Wires the pure planner and
// remaining-work functions to the engine reads and the runner.
import { randomUUID } from 'node:crypto'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { swarmIdOf as swarmIdOfCluster } from '../clusters/swarm-id'
import type { EventBus } from '../rpc/event-bus'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import {
  consumersOf,
  nextVersionName,
  type ConfigContent,
  type RotationOptions,
  type RotationPlan,
  type RotationResult,
  type StoredKind,
  type StoredObject,
  type ValueSource,
  type RotationRecord
} from '../../shared/secrets'
import { STACK_NAMESPACE_LABEL } from '../mirror/normalise'
import { DeployedFiles } from '../stacks/deployed-files'
import { StackEngine } from '../docker/stack-engine'
import { toAppError } from '../docker/engine-errors'
import { asShown, isUnfinished, RotationJournal, type Journal } from './rotation-journal'
import { createCli, planRotation, refusalsSaid, removeCli, swapCli } from './rotation-planner'
import { RotationRunner, type RunnerDeps, type RunOutcome } from './rotation-runner'
import { readValue, valueProblem, ValueHmac } from './secret-values'
import { countReferences } from './spec-references'
import { editStackFiles } from './stack-file-edit'
import { aNoun, anotherNoun } from './kind-words'
import { clusterMirrorFeed } from '../rollouts/convergence-watcher'

export interface SecretServiceDeps {
  registry: ClusterRegistry
  bus: EventBus
  dataDir: string
  /** step observer and rollout timeout (the crash tests use the observer) */
  rotation?: Partial<Pick<RunnerDeps, 'onStep' | 'rolloutTimeoutMs'>>
}

interface EngineObject {
  ID: string
  Version: { Index: number }
  CreatedAt?: string
  UpdatedAt?: string
  Spec: { Name: string; Labels?: Record<string, string> | null; Data?: string; Driver?: { Name?: string } | null; Templating?: { Name?: string } | null }
}


/** The docker CLI commands of what a journal says was done, in order. */
export function cliOfJournal(journal: Journal): string[] {
  const lines: string[] = []
  for (const entry of journal.log.filter((e) => e.state === 'done')) {
    const service = journal.services.find((s) => s.serviceName === entry.subject)
    if (entry.kind === 'create') lines.push(createCli(journal.kind, journal.new.name, journal.newLabels))
    else if (entry.kind === 'update' && service) lines.push(swapCli(journal.kind, service.serviceName, journal.old.name, journal.new.name, service.references, journal.orderChanged.includes(service.serviceId) ? service.order : null))
    else if (entry.kind === 'revert' && service) lines.push(swapCli(journal.kind, service.serviceName, journal.new.name, journal.old.name, service.references, null))
    else if (entry.kind === 'remove-old') lines.push(removeCli(journal.kind, journal.old.name))
    else if (entry.kind === 'remove-new') lines.push(removeCli(journal.kind, journal.new.name))
  }
  return lines
}

export function createSecretService(deps: SecretServiceDeps) {
  const journals = new RotationJournal(deps.dataDir)
  const hmac = new ValueHmac(deps.dataDir)
  const deployed = new DeployedFiles(deps.dataDir)
  /** rotations this process is running now (a `running` journal not in here was interrupted) */
  const active = new Set<string>()
  /** objects (old version IDs) a rotation of this process is moving now */
  const busyObjects = new Set<string>()

  const engineOf = (clusterId: string) => new StackEngine(deps.registry.get(clusterId).engine)

  const swarmIdOf = (clusterId: string): Promise<string> => swarmIdOfCluster(deps.registry, clusterId)

  async function listObjects(engine: StackEngine, kind: StoredKind): Promise<EngineObject[]> {
    return (kind === 'secret' ? await engine.listSecrets() : await engine.listConfigs()) as EngineObject[]
  }

  /** By ID, by name, or by a unique ID prefix (like the docker CLI). */
  function resolve(objects: EngineObject[], kind: StoredKind, ref: string): EngineObject {
    const found = objects.find((o) => o.ID === ref) ?? objects.find((o) => o.Spec.Name === ref)
    if (found) return found
    const prefixed = objects.filter((o) => o.ID.startsWith(ref))
    if (prefixed.length === 1) return prefixed[0]
    throw kind === 'secret' ? refusal('NOT_FOUND', phrase('secrets.said.service.noSuchSecret', { ref })) : refusal('NOT_FOUND', phrase('secrets.said.service.noSuchConfig', { ref }))
  }

  function runnerFor(clusterId: string, requestId: string | undefined): RotationRunner {
    return new RotationRunner({
      engine: engineOf(clusterId),
      journal: journals,
      publish: (progress) => deps.bus.publish('secrets.progress', { ...progress, requestId: requestId ?? null }),
      onStep: deps.rotation?.onStep,
      rolloutTimeoutMs: deps.rotation?.rolloutTimeoutMs ?? 10 * 60_000,
      mirror: clusterMirrorFeed(deps.registry, deps.bus, clusterId)
    })
  }

  async function unfinishedOf(swarmId: string): Promise<Journal[]> {
    return (await journals.list()).filter((j) => j.swarmId === swarmId && isUnfinished(j))
  }

  async function buildPlan(input: { clusterId: string; kind: StoredKind; objectId: string } & RotationOptions, value: Buffer | null): Promise<RotationPlan> {
    const engine = engineOf(input.clusterId)
    const [objects, services, swarmId] = await Promise.all([listObjects(engine, input.kind), engine.listServices(undefined, true), swarmIdOf(input.clusterId)])
    const object = resolve(objects, input.kind, input.objectId)
    const labels = { ...(object.Spec.Labels ?? {}) }
    const existingNames = objects.map((o) => o.Spec.Name)
    let identity: 'identical' | 'different' | 'unknown' = 'unknown'
    let extraLabels: Record<string, string> = {}
    if (value && input.kind === 'secret') {
      identity = await hmac.identity(labels, value)
      extraLabels = await hmac.labelsFor(value)
    } else if (value) {
      const current = Buffer.from((await engine.inspectConfig(object.ID)).Spec.Data ?? '', 'base64')
      identity = current.equals(value) ? 'identical' : 'different'
    }
    const stack = labels[STACK_NAMESPACE_LABEL]
    const newName = input.newName ?? nextVersionName(object.Spec.Name, existingNames)
    let stackFile = null
    if (stack && newName) {
      const record = await deployed.load(swarmId, stack)
      if (record) stackFile = editStackFiles(record.files, { kind: input.kind, stack, oldName: object.Spec.Name, newName })
    }
    return planRotation({
      kind: input.kind,
      object: { id: object.ID, name: object.Spec.Name, version: object.Version.Index, labels, driverBacked: Boolean(object.Spec.Driver?.Name) },
      services,
      existingNames,
      options: input,
      value: value ? { bytes: value.length, identity } : null,
      extraLabels,
      unfinishedRotations: (await unfinishedOf(swarmId)).filter((j) => j.old.id === object.ID || j.new.id === object.ID),
      stackFile
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

  async function withValue<T>(source: ValueSource | undefined, kind: StoredKind, use: (value: Buffer | null) => Promise<T>): Promise<T> {
    const value = source ? await readValue(source, kind) : null
    try {
      return await use(value)
    } finally {
      value?.fill(0)
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
    const now = new Date().toISOString()
    const journal: Journal = {
      id: `${now.slice(0, 10)}-${randomUUID().slice(0, 8)}`,
      swarmId: await swarmIdOf(input.clusterId),
      kind: input.kind,
      startedAt: now,
      updatedAt: now,
      state: 'running',
      old: { id: plan.old.id, name: plan.old.name },
      new: { id: null, name: plan.newName },
      removeOld: plan.removeOld,
      oldRemoved: false,
      services: plan.consumers.map((c) => ({ serviceId: c.serviceId, serviceName: c.serviceName, references: c.references, order: c.order, state: 'pending' as const })),
      log: [],
      failure: null,
      newLabels: plan.newLabels,
      templating: object?.Spec.Templating?.Name ?? null,
      newRemoved: false,
      orderChanged: plan.consumers.filter((c) => c.order !== c.policy.order).map((c) => c.serviceId)
    }
    return running(journal.id, async () => {
      const runner = runnerFor(input.clusterId, input.requestId)
      await runner.begin(journal)
      return resultOf(await runner.resume(journal, value))
    })
  }

  return {
    async list(clusterId: string, kind: StoredKind): Promise<StoredObject[]> {
      const snapshot = deps.registry.get(clusterId).snapshot()
      const objects = kind === 'secret' ? snapshot.secrets : snapshot.configs
      const rows: StoredObject[] = []
      for (const object of [...objects].sort((a, b) => a.name.localeCompare(b.name))) {
        rows.push({ ...object, kind, consumers: consumersOf(kind, object.id, snapshot.services), identityCheckable: kind === 'secret' && (await hmac.canCheck(object.labels)) })
      }
      return rows
    },

    async configContent(clusterId: string, configId: string): Promise<ConfigContent> {
      const engine = engineOf(clusterId)
      const config = resolve((await engine.listConfigs()) as EngineObject[], 'config', configId)
      const data = Buffer.from((await engine.inspectConfig(config.ID)).Spec.Data ?? '', 'base64')
      let text: string | null = null
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(data)
        if (text.includes('\u0000')) text = null
      } catch {
        text = null
      }
      return { id: config.ID, name: config.Spec.Name, sizeBytes: data.length, isText: text !== null, text }
    },

    async create(input: { clusterId: string; kind: StoredKind; name: string; labels: Record<string, string>; value: ValueSource }): Promise<{ id: string; name: string; cli: string }> {
      const engine = engineOf(input.clusterId)
      return withValue(input.value, input.kind, async (value) => {
        const bytes = value as Buffer
        const problem = valueProblem(bytes, input.kind)
        if (problem) throw problem
        if ((await listObjects(engine, input.kind)).some((o) => o.Spec.Name === input.name)) {
          throw refusal('NAME_CLASH', phrase('secrets.said.plan.nameClash', { aNoun: aNoun(input.kind), name: input.name }))
        }
        const labels = { ...input.labels, ...(input.kind === 'secret' ? await hmac.labelsFor(bytes) : {}) }
        const body = { Name: input.name, Labels: labels, Data: bytes.toString('base64') }
        try {
          const created = input.kind === 'secret' ? await engine.createSecret(body) : await engine.createConfig(body)
          return { id: created.ID, name: input.name, cli: createCli(input.kind, input.name, input.labels) }
        } catch (error) {
          const appError = toAppError(error)
          if (appError.code === 'CONFLICT') throw refusal('NAME_CLASH', phrase('secrets.said.plan.nameClash', { aNoun: aNoun(input.kind), name: input.name }))
          throw appError
        }
      })
    },

    async remove(clusterId: string, kind: StoredKind, objectId: string): Promise<{ removed: boolean; name: string; cli: string }> {
      const engine = engineOf(clusterId)
      const [objects, services] = await Promise.all([listObjects(engine, kind), engine.listServices()])
      const object = resolve(objects, kind, objectId)
      const users = services.filter((s) => countReferences(s.Spec, kind, object.ID) > 0).map((s) => String(s.Spec.Name ?? s.ID)).sort()
      if (users.length) throw refusal('IN_USE', phrase('secrets.said.service.inUse', { name: object.Spec.Name, services: users.join(', '), anotherNoun: anotherNoun(kind) }))
      await (kind === 'secret' ? engine.removeSecret(object.ID) : engine.removeConfig(object.ID))
      return { removed: true, name: object.Spec.Name, cli: removeCli(kind, object.Spec.Name) }
    },

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

export type SecretService = ReturnType<typeof createSecretService>
