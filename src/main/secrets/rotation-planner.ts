// The rotation plan: from what the engine says now (the object, every service spec, the names in
// use) and the user's choices, what a rotation would do, what it refuses and why, and the docker
// CLI equivalent. Pure: the service reads the engine and the value, then calls planRotation.
import { createHash } from 'node:crypto'
import { commandLine, shellQuote } from '../../shared/docker-cli'
import {
  beforeExecPath,
  beforeExecTarget,
  BEFORE_EXEC_ENV,
  MAX_VALUE_BYTES,
  nextVersionName,
  objectNameProblemSaid,
  formatMode,
  ROTATED_FROM_LABEL,
  type RotationConsumer,
  type RotationRefusal,
  type RotationWarning,
  type RotationOptions,
  type RotationPlan,
  type RotationStep,
  type StackFileEdit,
  type StoredKind,
  type UpdatePolicy
} from '../../shared/secrets'
import { phrase, type Phrase } from '../../shared/phrase'
import { withWords } from '../i18n/words'
import { aNewNoun, aNoun, theNoun, thisNoun } from './kind-words'
import { STACK_NAMESPACE_LABEL } from '../mirror/normalise'
import { isJsonObject, type JsonObject, type LiveService } from '../docker/live-shapes'
import { referencesTo } from './spec-references'

export interface PlannedObject {
  id: string
  name: string
  version: number
  labels: Record<string, string>
  /** value kept by an external secret driver: SwarmDesk cannot make a new version of it */
  driverBacked: boolean
}

export interface ValueFacts {
  bytes: number
  /** computed by the service: configs compare data, secrets compare SwarmDesk's HMAC label */
  identity: 'different' | 'identical' | 'unknown'
}

export interface PlanInput {
  kind: StoredKind
  object: PlannedObject
  /** every service of the swarm, as GET /services returns them (spec without defaults) */
  services: LiveService[]
  /** every secret (or config) name in use */
  existingNames: readonly string[]
  /** beforeExec may be left out (no before-exec step) */
  options: Omit<RotationOptions, 'beforeExec'> & Partial<Pick<RotationOptions, 'beforeExec'>>
  /** null: no value given yet (planning before the value is typed) */
  value: ValueFacts | null
  /** labels SwarmDesk adds to the new version (rotation id, HMAC), besides the kept ones */
  extraLabels: Record<string, string>
  /** the rotations of this object that are not finished */
  unfinishedRotations: readonly { id: string }[]
  /** the edited stack file when SwarmDesk has the last deployed files of the owning stack */
  stackFile: StackFileEdit | null
}

const SECONDS = 1e9

/** Spec.UpdateConfig as swarmkit runs it: no UpdateConfig at all gets swarmkit's defaults. */
export function updatePolicyOf(spec: JsonObject): UpdatePolicy {
  const raw = isJsonObject(spec.UpdateConfig) ? spec.UpdateConfig : null
  const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback)
  const failure = raw?.FailureAction
  const monitor = num(raw?.Monitor, 0)
  return {
    parallelism: raw ? num(raw.Parallelism, 0) : 1,
    delaySeconds: num(raw?.Delay, 0) / SECONDS,
    failureAction: failure === 'continue' || failure === 'rollback' ? failure : 'pause',
    // swarmkit uses its default (5s) when Monitor is 0
    monitorSeconds: (monitor > 0 ? monitor : 5 * SECONDS) / SECONDS,
    maxFailureRatio: num(raw?.MaxFailureRatio, 0),
    order: raw?.Order === 'start-first' ? 'start-first' : 'stop-first'
  }
}

function modeOf(spec: JsonObject): { mode: RotationConsumer['mode']; replicas: number | null } {
  const mode = isJsonObject(spec.Mode) ? spec.Mode : {}
  if (isJsonObject(mode.Global)) return { mode: 'global', replicas: null }
  if (isJsonObject(mode.ReplicatedJob)) return { mode: 'replicated-job', replicas: null }
  if (isJsonObject(mode.GlobalJob)) return { mode: 'global-job', replicas: null }
  const replicated = isJsonObject(mode.Replicated) ? mode.Replicated : {}
  return { mode: 'replicated', replicas: typeof replicated.Replicas === 'number' ? replicated.Replicas : 1 }
}

const flag = (kind: StoredKind) => (kind === 'secret' ? 'secret' : 'config')

/** `source=NEW,target=T,uid=U,gid=G,mode=0444` the way `--secret-add` reads it. */
export function referenceOption(source: string, ref: { target: string | null; uid: string; gid: string; mode: number }): string {
  if (ref.target === null) return `source=${source}`
  return `source=${source},target=${ref.target},uid=${ref.uid},gid=${ref.gid},mode=${formatMode(ref.mode)}`
}

export function swapCli(kind: StoredKind, service: string, from: string, to: string, refs: RotationConsumer['references'], order: 'start-first' | 'stop-first' | null, dropMountOf: string | null = null): string {
  return commandLine(
    'docker', 'service', 'update',
    `--${flag(kind)}-rm`, shellQuote(from),
    dropMountOf && `--${flag(kind)}-rm ${shellQuote(dropMountOf)}`,
    ...refs.flatMap((ref) => [`--${flag(kind)}-add`, shellQuote(referenceOption(to, ref))]),
    order && `--update-order ${order}`,
    shellQuote(service)
  )
}

/** The before-exec mount and its removal, as `docker service update` lines. */
export function mountCli(kind: StoredKind, service: string, name: string): string {
  return commandLine('docker', 'service', 'update', `--${flag(kind)}-add`, shellQuote(`source=${name},target=${beforeExecTarget(kind, name)}`), shellQuote(service))
}
export function unmountCli(kind: StoredKind, service: string, name: string): string {
  return commandLine('docker', 'service', 'update', `--${flag(kind)}-rm`, shellQuote(name), shellQuote(service))
}

/** The command in a task of the service, the new value's path in its environment (the container is found on its node). */
export function beforeExecCli(kind: StoredKind, service: string, name: string, command: readonly string[]): string {
  const container = `$(docker ps -q -f label=com.docker.swarm.service.name=${service} | head -n 1)`
  return commandLine('docker', 'exec', '-e', `${BEFORE_EXEC_ENV}=${beforeExecPath(kind, name)}`, container, ...command.map(shellQuote))
}

export function createCli(kind: StoredKind, name: string, labels: Record<string, string>): string {
  return commandLine('docker', flag(kind), 'create', ...Object.entries(labels).map(([k, v]) => `--label ${shellQuote(`${k}=${v}`)}`), shellQuote(name), '-')
}

export function removeCli(kind: StoredKind, name: string): string {
  return commandLine('docker', flag(kind), 'rm', shellQuote(name))
}

const specName = (service: LiveService): string => String(service.Spec.Name ?? service.ID)

/** Every refusal in one sentence, "a; b; c", as nested phrases so that each is worded in the user's language. */
export function refusalsSaid(refusals: readonly { said: Phrase }[]): Phrase {
  return refusals.map((r) => r.said).reduceRight((rest, first) => phrase('secrets.said.service.andThen', { first, rest }))
}

/** A refusal or warning: the English `message` the CLI prints and the phrase the app words. */
function problem<C extends string>(code: C, said: Phrase, subject: string | null): { code: C; message: string; said: Phrase; subject: string | null } {
  return withWords({ code, message: '', said, subject })
}

export function planRotation(input: PlanInput): RotationPlan {
  const { kind, object, options } = input
  const refusals: RotationRefusal[] = []
  const warnings: RotationWarning[] = []

  const defaultNewName = nextVersionName(object.name, input.existingNames) ?? ''
  const newName = options.newName ?? defaultNewName
  if (newName === '') refusals.push(problem('NAME_INVALID', phrase('secrets.said.plan.nameTooLong', { name: object.name }), null))
  else {
    const nameProblem = objectNameProblemSaid(newName)
    if (nameProblem) refusals.push(problem('NAME_INVALID', phrase('secrets.said.plan.nameInvalid', { name: newName, problem: nameProblem }), newName))
    else if (newName === object.name || input.existingNames.includes(newName)) {
      refusals.push(problem('NAME_CLASH', phrase('secrets.said.plan.nameClash', { aNoun: aNoun(kind), name: newName }), newName))
    }
  }
  if (object.driverBacked) refusals.push(problem('DRIVER_BACKED', phrase('secrets.said.plan.driverBacked', { name: object.name }), object.name))
  for (const rotation of input.unfinishedRotations) {
    refusals.push(problem('ROTATION_IN_PROGRESS', phrase('secrets.said.plan.rotationUnfinished', { id: rotation.id, name: object.name }), object.name))
  }

  if (input.value) {
    if (input.value.bytes === 0) refusals.push(problem('EMPTY_VALUE', phrase('secrets.said.plan.emptyValue'), null))
    else if (input.value.bytes > MAX_VALUE_BYTES[kind]) {
      refusals.push(problem('VALUE_TOO_LARGE', phrase('secrets.said.plan.valueTooLarge', { bytes: input.value.bytes, max: MAX_VALUE_BYTES[kind], aNoun: aNoun(kind) }), null))
    } else if (input.value.identity === 'identical') {
      refusals.push(problem('IDENTICAL_VALUE', phrase('secrets.said.plan.identicalValue', { name: object.name }), object.name))
    } else if (input.value.identity === 'unknown') {
      warnings.push(problem('IDENTITY_UNKNOWN', phrase('secrets.said.plan.identityUnknown', { name: object.name }), object.name))
    }
  }

  // Updated one after another, in name order (code points, the same on every machine): a bad new value then breaks one service, is
  // detected before any other is touched, and only the services already moved need reverting.
  const consumers: RotationConsumer[] = input.services
    .filter((service) => referencesTo(service.Spec, kind, object.id).length > 0)
    .sort((a, b) => (specName(a) < specName(b) ? -1 : specName(a) > specName(b) ? 1 : 0))
    .map((service) => {
      const references = referencesTo(service.Spec, kind, object.id)
      const policy = updatePolicyOf(service.Spec)
      const startFirst = options.startFirst || options.startFirstServices.includes(service.ID)
      const order = startFirst ? 'start-first' : policy.order
      const labels = isJsonObject(service.Spec.Labels) ? service.Spec.Labels : {}
      const stack = typeof labels[STACK_NAMESPACE_LABEL] === 'string' ? (labels[STACK_NAMESPACE_LABEL] as string) : null
      return {
        serviceId: service.ID,
        serviceName: specName(service),
        stack,
        version: service.Version.Index,
        ...modeOf(service.Spec),
        references,
        policy,
        order,
        cli: swapCli(kind, specName(service), object.name, newName || '<new name>', references, order !== policy.order ? order : null)
      }
    })
  if (consumers.length === 0) {
    refusals.push(problem('NO_CONSUMERS', phrase('secrets.said.plan.noConsumers', { name: object.name, aNewNoun: aNewNoun(kind), command: `docker ${flag(kind)} create` }), object.name))
  }

  consumerProblems(consumers, input.services, refusals, warnings)

  const beforeExec = beforeExecOf(input, newName, refusals, warnings)
  if (beforeExec) {
    const consumer = consumers.find((c) => c.serviceId === beforeExec.serviceId)
    if (consumer) consumer.cli = swapCli(kind, consumer.serviceName, object.name, newName || '<new name>', consumer.references, consumer.order !== consumer.policy.order ? consumer.order : null, newName || '<new name>')
  }

  const stack = object.labels[STACK_NAMESPACE_LABEL] ?? null
  if (stack) {
    const said = input.stackFile
      ? phrase('secrets.said.plan.stackFileOffered', { name: object.name, stack, newName, path: input.stackFile.path, key: input.stackFile.key, theNoun: theNoun(kind) })
      : phrase('secrets.said.plan.stackFileMissing', { name: object.name, stack, newName, thisNoun: thisNoun(kind) })
    warnings.push(problem('STACK_FILE', said, stack))
  }

  const newLabels = { ...object.labels, ...input.extraLabels, [ROTATED_FROM_LABEL]: object.name }
  const shownName = newName || '<new name>'
  const steps: RotationStep[] = [
    { kind: 'create', subject: shownName, cli: createCli(kind, shownName, newLabels) },
    ...(beforeExec
      ? [
          { kind: 'mount' as const, subject: beforeExec.serviceName, cli: mountCli(kind, beforeExec.serviceName, shownName) },
          { kind: 'exec' as const, subject: beforeExec.serviceName, cli: beforeExecCli(kind, beforeExec.serviceName, shownName, beforeExec.command) }
        ]
      : []),
    ...consumers.flatMap((c): RotationStep[] => [
      { kind: 'update', subject: c.serviceName, cli: c.cli },
      { kind: 'converge', subject: c.serviceName, cli: null }
    ])
  ]
  if (beforeExec && !consumers.some((c) => c.serviceId === beforeExec.serviceId)) {
    steps.push({ kind: 'unmount', subject: beforeExec.serviceName, cli: unmountCli(kind, beforeExec.serviceName, shownName) })
  }
  if (options.removeOld) steps.push({ kind: 'remove-old', subject: object.name, cli: removeCli(kind, object.name) })

  const essence = {
    kind,
    old: [object.id, object.version],
    newName,
    consumers: consumers.map((c) => [c.serviceId, c.version, c.references, c.order]),
    removeOld: options.removeOld,
    beforeExec: beforeExec && [beforeExec.serviceId, beforeExec.command],
    refusals: refusals.map((r) => r.code)
  }
  return {
    kind,
    old: { id: object.id, name: object.name, version: object.version, labels: object.labels, stack },
    newName,
    defaultNewName,
    newLabels,
    consumers,
    steps,
    cli: steps.flatMap((s) => (s.cli ? [s.cli] : [])),
    identity: input.value ? input.value.identity : 'not-checked',
    warnings,
    refusals,
    stackFiles: input.stackFile ? [input.stackFile] : [],
    removeOld: options.removeOld,
    beforeExec,
    fingerprint: createHash('sha256').update(JSON.stringify(essence)).digest('hex').slice(0, 32)
  }
}

/**
 * The before-exec step: its service found by ID or name (refused when there is none), and the
 * warning that what the command changes is not undone by a roll back.
 */
function beforeExecOf(input: PlanInput, newName: string, refusals: RotationRefusal[], warnings: RotationWarning[]): RotationPlan['beforeExec'] {
  const asked = input.options.beforeExec
  if (!asked) return null
  const service = input.services.find((s) => s.ID === asked.service) ?? input.services.find((s) => specName(s) === asked.service)
  if (!service) {
    refusals.push(problem('BEFORE_EXEC_SERVICE', phrase('secrets.said.plan.beforeExecNoService', { service: asked.service }), asked.service))
    return null
  }
  const serviceName = specName(service)
  warnings.push(problem('BEFORE_EXEC_NOT_UNDONE', phrase('secrets.said.plan.beforeExecNotUndone', { service: serviceName }), serviceName))
  return { serviceId: service.ID, serviceName, command: asked.command, path: beforeExecPath(input.kind, newName || '<new name>') }
}

/** What blocks or endangers a consumer's update: a paused or running update, a single stop-first task, failure_action continue, a job. */
function consumerProblems(consumers: readonly RotationConsumer[], services: readonly LiveService[], refusals: RotationRefusal[], warnings: RotationWarning[]): void {
  for (const consumer of consumers) {
    const service = services.find((s) => s.ID === consumer.serviceId) as LiveService
    const state = service.UpdateStatus?.State
    if (state === 'paused' || state === 'rollback_paused') {
      const paused = state === 'paused' ? phrase('status.paused') : phrase('secrets.said.plan.pausedRollingBack')
      const engineMessage = service.UpdateStatus?.Message
      const said = engineMessage
        ? phrase('secrets.said.plan.updatePausedBecause', { service: consumer.serviceName, state: paused, reason: engineMessage })
        : phrase('secrets.said.plan.updatePaused', { service: consumer.serviceName, state: paused })
      refusals.push(problem('UPDATE_PAUSED', said, consumer.serviceName))
    } else if (state === 'updating' || state === 'rollback_started') {
      const moving = state === 'updating' ? phrase('status.updating') : phrase('status.rollback_started')
      refusals.push(problem('UPDATE_IN_PROGRESS', phrase('secrets.said.plan.updateInProgress', { service: consumer.serviceName, state: moving }), consumer.serviceName))
    }
    // A global service on a single eligible node has one task too (ServiceStatus, when read with status=true).
    const singleTask = consumer.mode === 'replicated' ? consumer.replicas === 1 : consumer.mode === 'global' && service.ServiceStatus?.DesiredTasks === 1
    if (singleTask && consumer.order === 'stop-first') {
      warnings.push(problem('SINGLE_TASK_STOP_FIRST', phrase('secrets.said.plan.singleTaskStopFirst', { service: consumer.serviceName }), consumer.serviceName))
    }
    if (consumer.policy.failureAction === 'continue') {
      warnings.push(problem('UPDATE_FAILURE_ACTION', phrase('secrets.said.plan.failureActionContinue', { service: consumer.serviceName }), consumer.serviceName))
    }
    if (consumer.mode === 'replicated-job' || consumer.mode === 'global-job') {
      warnings.push(problem('JOB_CONSUMER', phrase('secrets.said.plan.jobConsumer', { service: consumer.serviceName }), consumer.serviceName))
    }
  }
}
