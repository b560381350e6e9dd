// Runs a rotation's actions against the engine, journaling every step. Thin: what to do comes
// from rotation-remaining.ts, whether a rollout is done from the shared convergence watcher
// (rollouts/convergence-watcher.ts, with the rotation's goal from rollout-verdict.ts), the spec
// changes from spec-references.ts. The same runner drives a fresh rotation, a resume and a roll back.
import { isAppError } from '../../shared/errors'
import { phrase, type Phrase, type Worded } from '../../shared/phrase'
import { BEFORE_EXEC_ENV, ROTATION_ID_LABEL, type RotationProgress, type RotationRecord, type StoredKind } from '../../shared/secrets'
import { toAppError } from '../docker/engine-errors'
import { updateWithRetry } from '../docker/versioned-update'
import { refusal, sayingError, withWords, worded } from '../i18n/words'
import { watchConvergence, type MirrorFeed, type WatchVerdict } from '../rollouts/convergence-watcher'
import type { StackEngine } from '../docker/stack-engine'
import type { JsonObject } from '../docker/live-shapes'
import type { Journal, RotationJournal } from './rotation-journal'
import { remainingToResume, remainingToRollBack, type LiveRotationState, type RotationAction } from './rotation-remaining'
import { rolloutGoal } from './rollout-verdict'
import { countReferences, hasStepMount, swapReferences, withoutStepMount, withStepMount, withUpdateOrder, type ObjectId } from './spec-references'
import type { ConvergenceGoal } from '../rollouts/convergence'

export interface RunnerDeps {
  engine: StackEngine
  journal: RotationJournal
  publish(progress: Omit<RotationProgress, 'requestId'>): void
  /**
   * Called after each step is journaled (and once when the journal is first written), with the
   * count so far. The product only reports progress through it; the crash tests stop the process
   * from it (tests/support/rotation-crash.ts).
   */
  onStep?: (count: number, step: { kind: string; subject: string }) => void | Promise<void>
  rolloutTimeoutMs: number
  /** the cluster's mirror: rollouts are followed through its live updates, never by polling the engine */
  mirror: MirrorFeed
  /** runs the before-exec command in a running task of the service (node access); absent: refused */
  execInService?: (serviceId: string, command: string[], env: string[]) => Promise<{ exitCode: number | null; output: string }>
}

export interface RunOutcome {
  outcome: 'completed' | 'rolled-back' | 'failed'
  journal: Journal
  notes: Worded[]
}

type Failure = NonNullable<RotationRecord['failure']>

interface StoredObject {
  ID: string
  Spec: { Name: string; Labels?: Record<string, string> | null }
}

async function listObjects(engine: StackEngine, kind: StoredKind): Promise<StoredObject[]> {
  return kind === 'secret' ? engine.listSecrets() : engine.listConfigs()
}

/** The live facts the remaining-work functions need, read in two calls (objects, services). */
export async function readLiveState(engine: StackEngine, journal: Journal): Promise<LiveRotationState> {
  const [objects, services] = await Promise.all([listObjects(engine, journal.kind), engine.listServices()])
  const oldExists = objects.some((o) => o.ID === journal.old.id)
  const ours = (o: StoredObject) => o.Spec.Name === journal.new.name && o.Spec.Labels?.[ROTATION_ID_LABEL] === journal.id
  const created = journal.new.id ? objects.find((o) => o.ID === journal.new.id) : objects.find(ours)
  const newId = created?.ID ?? null
  const inRotation = new Set(journal.services.map((s) => s.serviceId))
  const byId = new Map(services.map((s) => [s.ID, s]))
  const state: LiveRotationState = {
    oldExists,
    newId,
    newNameTaken: !created && objects.some((o) => o.Spec.Name === journal.new.name),
    services: {},
    otherUsersOfOld: [],
    otherUsersOfNew: []
  }
  // The before-exec mount is a reference to the new version too, but not the service's own use of it.
  const step = journal.beforeExec
  const mounted = (spec: JsonObject) => Boolean(step && newId && hasStepMount(spec, journal.kind, newId, step.target))
  if (step) {
    const live = byId.get(step.serviceId)
    state.stepService = { exists: Boolean(live), mounted: live ? mounted(live.Spec) : false }
  }
  for (const s of journal.services) {
    const live = byId.get(s.serviceId)
    const onNew = (spec: JsonObject) => (newId ? countReferences(spec, journal.kind, newId) - (s.serviceId === step?.serviceId && mounted(spec) ? 1 : 0) : 0)
    state.services[s.serviceId] = live ? { exists: true, onOld: countReferences(live.Spec, journal.kind, journal.old.id), onNew: onNew(live.Spec) } : { exists: false, onOld: 0, onNew: 0 }
  }
  for (const live of services) {
    if (inRotation.has(live.ID) || live.ID === step?.serviceId) continue
    const name = String(live.Spec.Name ?? live.ID)
    if (countReferences(live.Spec, journal.kind, journal.old.id) > 0) state.otherUsersOfOld.push(name)
    if (newId && countReferences(live.Spec, journal.kind, newId) > 0) state.otherUsersOfNew.push(name)
  }
  return state
}

export class RotationRunner {
  private steps = 0
  private readonly notes: Worded[] = []
  /** the version index each service was written at by this run: its rollout is judged on a spec read after it */
  private readonly writtenAt = new Map<string, number>()
  constructor(private readonly deps: RunnerDeps) {}

  private async record(journal: Journal, kind: RotationRecord['log'][number]['kind'], subject: string, state: 'started' | 'done' | 'failed', said: Phrase | null = null): Promise<void> {
    // the English `message` is made when read: when the journal is written, when the event is sent
    const at = new Date().toISOString()
    journal.log.push(said ? withWords({ at, kind, subject, state, message: '', said }) : { at, kind, subject, state, message: '' })
    journal.updatedAt = new Date().toISOString()
    await this.deps.journal.save(journal)
    this.deps.publish(said ? withWords({ rotationId: journal.id, kind, subject, state, message: '', said }) : { rotationId: journal.id, kind, subject, state, message: '', said })
    if (state === 'done') await this.deps.onStep?.(++this.steps, { kind, subject })
  }

  /** The live state; a new version found by its rotation label (created just before a crash) is adopted. */
  private async readLive(journal: Journal): Promise<LiveRotationState> {
    const live = await readLiveState(this.deps.engine, journal)
    if (live.newId && !journal.new.id) journal.new.id = live.newId
    return live
  }

  /** The first write of a new rotation's journal (a crash right after it is crash point 0). */
  async begin(journal: Journal): Promise<void> {
    await this.deps.journal.save(journal)
    await this.deps.onStep?.(this.steps, { kind: 'journal', subject: journal.id })
  }

  /**
   * Resume (or run from the start): every consumer onto the new version, one after another. Any
   * failure (a rollout that paused or rolled back, an engine error) rolls the rotation back.
   */
  async resume(journal: Journal, value: Buffer | null): Promise<RunOutcome> {
    const live = await this.readLive(journal)
    const remaining = remainingToResume(journal, live)
    if (remaining.blocked) throw refusal(remaining.blocked.code, remaining.blocked.said)
    if (remaining.actions.some((a) => a.kind === 'create') && !value) {
      throw refusal('VALUE_REQUIRED', phrase('convergence.rotation.value-required', { id: journal.id, name: journal.new.name }))
    }
    journal.state = 'running'
    journal.failure = null
    const failure = await this.runAll(journal, remaining.actions, value, 'resume')
    if (!failure) {
      journal.state = 'completed'
      await this.deps.journal.save(journal)
      return { outcome: 'completed', journal, notes: [...remaining.notesSaid.map(worded), ...this.notes] }
    }
    journal.failure = failure
    await this.deps.journal.save(journal)
    const back = await this.rollBack(journal, { keepNew: false })
    return { ...back, notes: [...remaining.notesSaid.map(worded), ...back.notes] }
  }

  /** Every consumer back on the old version, then the new version removed (unless kept). */
  async rollBack(journal: Journal, options: { keepNew: boolean }): Promise<RunOutcome> {
    const live = await this.readLive(journal)
    const remaining = remainingToRollBack(journal, live, options)
    if (remaining.blocked) throw refusal(remaining.blocked.code, remaining.blocked.said)
    journal.state = 'running'
    const revertFailure = await this.runAll(journal, remaining.actions, null, 'rollback')
    if (revertFailure) {
      // The first failure (the rollout that made us roll back) stays the headline; the record's
      // log has the revert failure too. The rotation stays unfinished: rollback can be retried.
      journal.failure ??= revertFailure
      journal.state = 'failed'
    } else journal.state = 'rolled-back'
    await this.deps.journal.save(journal)
    return { outcome: revertFailure ? 'failed' : 'rolled-back', journal, notes: remaining.notesSaid.map(worded) }
  }

  /** Runs actions in order; returns the first failure (resume stops there, rollback goes on with the others). */
  private async runAll(journal: Journal, actions: RotationAction[], value: Buffer | null, direction: 'resume' | 'rollback'): Promise<Failure | null> {
    let first: Failure | null = null
    for (const action of actions) {
      const subject = this.subjectOf(journal, action)
      try {
        await this.record(journal, action.kind, subject, 'started')
        await this.run(journal, action, value)
        await this.record(journal, action.kind, subject, 'done')
      } catch (error) {
        const failure = failureOf(error, 'serviceId' in action ? subject : null)
        const said = failure.taskErrorSaid ? phrase('convergence.rotation.step-failed', { message: failure.said, taskError: failure.taskErrorSaid }) : failure.said
        await this.record(journal, action.kind, subject, 'failed', said)
        // Every consumer already runs the new version: an old version that cannot be removed (someone
        // started using it meanwhile) is said, never a reason to undo the rotation.
        if (action.kind === 'remove-old') {
          this.notes.push(worded(phrase('convergence.rotation.old-not-removed', { name: journal.old.name, reason: failure.said })))
          continue
        }
        first ??= failure
        if (direction === 'resume') return first
        // Rolling back: a service that cannot go back must not keep the others on the new version;
        // but the new version is only removed when every service left it.
        if (action.kind === 'revert' || action.kind === 'revert-converge') actions = actions.filter((a) => a.kind !== 'remove-new')
      }
    }
    return first
  }

  private subjectOf(journal: Journal, action: RotationAction): string {
    if (action.kind === 'mount' || action.kind === 'exec' || action.kind === 'unmount') return journal.beforeExec?.serviceName ?? action.serviceId
    if ('serviceId' in action) return journal.services.find((s) => s.serviceId === action.serviceId)?.serviceName ?? action.serviceId
    if (action.kind === 'remove-old') return journal.old.name
    return journal.new.name
  }

  private async run(journal: Journal, action: RotationAction, value: Buffer | null): Promise<void> {
    const { engine } = this.deps
    const old: ObjectId = { id: journal.old.id, name: journal.old.name }
    switch (action.kind) {
      case 'create': {
        const body = {
          Name: journal.new.name,
          Labels: { ...journal.newLabels, [ROTATION_ID_LABEL]: journal.id },
          Data: (value as Buffer).toString('base64'),
          ...(journal.templating ? { Templating: { Name: journal.templating } } : {})
        }
        const created = journal.kind === 'secret' ? await engine.createSecret(body) : await engine.createConfig(body)
        body.Data = ''
        journal.new.id = created.ID
        return
      }
      case 'update':
      case 'revert': {
        const service = journal.services.find((s) => s.serviceId === action.serviceId) as Journal['services'][number]
        const newer: ObjectId = { id: journal.new.id as string, name: journal.new.name }
        const [from, to] = action.kind === 'update' ? [old, newer] : [newer, old]
        await updateWithRetry<JsonObject>({
          what: service.serviceName,
          read: async () => {
            const live = await engine.inspectService(action.serviceId)
            return { version: live.Version.Index, spec: live.Spec }
          },
          // Only this rotation's change is applied to what was read: someone else's concurrent
          // edit of the service is kept, never overwritten.
          apply: (spec) => {
            const swapped = swapReferences(spec, journal.kind, from, to)
            if (!swapped) return null
            const ordered = action.kind === 'update' && journal.orderChanged.includes(service.serviceId) ? withUpdateOrder(swapped, service.order) ?? swapped : swapped
            return this.withoutMount(journal, action.serviceId, ordered) ?? ordered
          },
          write: async (version, spec) => {
            await engine.updateService(action.serviceId, version, spec, null)
            this.writtenAt.set(action.serviceId, version)
          }
        })
        if (action.kind === 'update') service.state = 'updated'
        return
      }
      case 'converge':
      case 'revert-converge': {
        const service = journal.services.find((s) => s.serviceId === action.serviceId) as Journal['services'][number]
        const target = action.kind === 'converge' ? (journal.new.id as string) : journal.old.id
        const verdict = await this.waitRollout(journal, service.serviceId, service.serviceName, action.kind, target)
        if (verdict.state !== 'converged') throw new RolloutFailure(verdict.said, verdict.taskError)
        service.state = action.kind === 'converge' ? 'converged' : 'reverted'
        return
      }
      case 'mount':
      case 'unmount': {
        const step = journal.beforeExec as NonNullable<Journal['beforeExec']>
        const newer: ObjectId = { id: journal.new.id as string, name: journal.new.name }
        await updateWithRetry<JsonObject>({
          what: step.serviceName,
          read: async () => {
            const live = await engine.inspectService(action.serviceId)
            return { version: live.Version.Index, spec: live.Spec }
          },
          apply: (spec) => (action.kind === 'mount' ? withStepMount(spec, journal.kind, newer, step.target) : withoutStepMount(spec, journal.kind, newer.id, step.target)),
          write: async (version, spec) => {
            await engine.updateService(action.serviceId, version, spec, null)
            this.writtenAt.set(action.serviceId, version)
          }
        })
        // mounted: its tasks must run with the new version; unmounted: any task on the new spec will do
        // its waiting is said on the mount's own row, not on the service's later converge step
        const verdict = await this.waitRollout(journal, action.serviceId, step.serviceName, action.kind, action.kind === 'mount' ? newer.id : null)
        if (verdict.state !== 'converged') throw new RolloutFailure(verdict.said, verdict.taskError)
        return
      }
      case 'exec': {
        const step = journal.beforeExec as NonNullable<Journal['beforeExec']>
        if (!this.deps.execInService) throw refusal('BEFORE_EXEC_FAILED', phrase('convergence.rotation.exec-unavailable', { service: step.serviceName }))
        const path = step.target.startsWith('/') ? step.target : `/run/secrets/${step.target}`
        const result = await this.deps.execInService(action.serviceId, step.command, [`${BEFORE_EXEC_ENV}=${path}`])
        if (result.exitCode !== 0) {
          // A tool's error may quote the statement it ran, value included: never into the journal.
          const output = withoutValue(result.output, value).trim().split('\n').slice(-3).join(' / ').slice(-400)
          throw refusal('BEFORE_EXEC_FAILED', phrase('convergence.rotation.exec-failed', { service: step.serviceName, code: result.exitCode ?? '?', output: output || '-' }))
        }
        step.ran = true
        return
      }
      case 'remove-old': {
        const users = (await engine.listServices()).filter((s) => countReferences(s.Spec, journal.kind, journal.old.id) > 0)
        if (users.length) {
          const said = phrase('convergence.rotation.old-kept', { name: journal.old.name, services: users.map((s) => String(s.Spec.Name)).join(', ') })
          throw refusal('IN_USE', said)
        }
        await (journal.kind === 'secret' ? engine.removeSecret(journal.old.id) : engine.removeConfig(journal.old.id)).catch(ignoreNotFound)
        journal.oldRemoved = true
        return
      }
      case 'remove-new': {
        if (journal.new.id) await (journal.kind === 'secret' ? engine.removeSecret(journal.new.id) : engine.removeConfig(journal.new.id)).catch(ignoreNotFound)
        journal.newRemoved = true
        return
      }
    }
  }

  /**
   * Follow one service's rollout until it converges on the expected version, fails (paused,
   * rolled back by the engine) or times out — through the mirror, which follows the service's
   * tasks already. Services are done one at a time (see the planner): the verdict only ever
   * concerns the service being moved.
   */
  private async waitRollout(journal: Journal, serviceId: string, name: string, kind: 'converge' | 'revert-converge' | 'mount' | 'unmount', objectId: string | null): Promise<WatchVerdict> {
    const written = this.writtenAt.get(serviceId)
    const goal: ConvergenceGoal = { ...(objectId ? rolloutGoal(journal.kind, objectId) : { voice: 'rotation', engineRollback: 'fails-at-once' }), ...(written !== undefined ? { afterVersion: written } : {}) }
    return watchConvergence(this.deps.mirror, serviceId, goal, {
      timeoutMs: this.deps.rolloutTimeoutMs,
      onChange: (verdict) => {
        if (verdict.state === 'waiting') this.deps.publish({ rotationId: journal.id, kind, subject: name, state: 'waiting', message: verdict.message, said: verdict.said })
      }
    })
  }

  /** The before-exec mount left out of the step service's spec (its swap or revert takes it away too). */
  private withoutMount(journal: Journal, serviceId: string, spec: JsonObject): JsonObject | null {
    const step = journal.beforeExec
    if (!step || step.serviceId !== serviceId || !journal.new.id) return null
    return withoutStepMount(spec, journal.kind, journal.new.id, step.target)
  }
}

class RolloutFailure extends Error {
  constructor(
    readonly said: Phrase,
    readonly taskError: Worded | null
  ) {
    super()
    sayingError(this, said)
  }
}

/** A failed step as the journal keeps it: the English, and the phrases the app words. */
function failureOf(error: unknown, service: string | null): Failure & { said: Phrase; taskErrorSaid: Phrase | null } {
  if (error instanceof RolloutFailure) {
    return { service, message: error.message, said: error.said, taskError: error.taskError?.message ?? null, taskErrorSaid: error.taskError?.said ?? null }
  }
  const appError = isAppError(error) ? error : toAppError(error)
  // A refusal we word ourselves carries its phrase; an engine error stays in the engine's words.
  const said = appError.data.said ?? phrase('convergence.system', { text: appError.message })
  return { service, message: appError.message, said, taskError: null, taskErrorSaid: null }
}

/** The command's output with the new value (when this run has it) masked. */
export function withoutValue(output: string, value: Buffer | null): string {
  const text = value?.toString('utf8').trim()
  return text ? output.split(text).join('***') : output
}

function ignoreNotFound(error: unknown): void {
  const appError = toAppError(error)
  if (appError.code !== 'NOT_FOUND') throw appError
}
