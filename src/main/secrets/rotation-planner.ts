// The rotation plan: from what the engine says now (the object, every service spec, the names in
// use) and the user's choices, what a rotation would do, what it refuses and why, and the docker
// CLI equivalent. Pure: the service reads the engine and the value, then calls planRotation.
import { createHash } from 'node:crypto'
import { commandLine, shellQuote } from '../../shared/docker-cli'
import {
  MAX_VALUE_BYTES,
  nextVersionName,
  objectNameProblem,
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
import { STACK_NAMESPACE_LABEL } from '../mirror/normalise'
import { isJsonObject, type JsonObject, type LiveService } from '../stacks/live-shapes'
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
  options: RotationOptions
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

export function swapCli(kind: StoredKind, service: string, from: string, to: string, refs: RotationConsumer['references'], order: 'start-first' | 'stop-first' | null): string {
  return commandLine(
    'docker', 'service', 'update',
    `--${flag(kind)}-rm`, shellQuote(from),
    ...refs.flatMap((ref) => [`--${flag(kind)}-add`, shellQuote(referenceOption(to, ref))]),
    order && `--update-order ${order}`,
    shellQuote(service)
  )
}

export function createCli(kind: StoredKind, name: string, labels: Record<string, string>): string {
  return commandLine('docker', flag(kind), 'create', ...Object.entries(labels).map(([k, v]) => `--label ${shellQuote(`${k}=${v}`)}`), shellQuote(name), '-')
}

export function removeCli(kind: StoredKind, name: string): string {
  return commandLine('docker', flag(kind), 'rm', shellQuote(name))
}

const specName = (service: LiveService): string => String(service.Spec.Name ?? service.ID)

export function planRotation(input: PlanInput): RotationPlan {
  const { kind, object, options } = input
  const refusals: RotationRefusal[] = []
  const warnings: RotationWarning[] = []
  const noun = kind === 'secret' ? 'secret' : 'config'

  const defaultNewName = nextVersionName(object.name, input.existingNames) ?? ''
  const newName = options.newName ?? defaultNewName
  if (newName === '') refusals.push({ code: 'NAME_INVALID', message: `${object.name}_v<N> would be longer than 64 characters: give the new version a name`, subject: null })
  else {
    const problem = objectNameProblem(newName)
    if (problem) refusals.push({ code: 'NAME_INVALID', message: `"${newName}": ${problem}`, subject: newName })
    else if (newName === object.name || input.existingNames.includes(newName)) {
      refusals.push({ code: 'NAME_CLASH', message: `a ${noun} named "${newName}" already exists: choose another name`, subject: newName })
    }
  }
  if (object.driverBacked) refusals.push({ code: 'DRIVER_BACKED', message: `${object.name}'s value comes from a secret driver: SwarmDesk cannot create a new version of it`, subject: object.name })
  for (const rotation of input.unfinishedRotations) {
    refusals.push({ code: 'ROTATION_IN_PROGRESS', message: `rotation ${rotation.id} of ${object.name} is unfinished: resume it or roll it back first`, subject: object.name })
  }

  if (input.value) {
    if (input.value.bytes === 0) refusals.push({ code: 'EMPTY_VALUE', message: 'the new value is empty', subject: null })
    else if (input.value.bytes > MAX_VALUE_BYTES[kind]) {
      refusals.push({ code: 'VALUE_TOO_LARGE', message: `the new value is ${input.value.bytes} bytes; the engine accepts at most ${MAX_VALUE_BYTES[kind]} for a ${noun}`, subject: null })
    } else if (input.value.identity === 'identical') {
      refusals.push({ code: 'IDENTICAL_VALUE', message: `the new value is the same as ${object.name}'s: rotating would restart every consumer for nothing`, subject: object.name })
    } else if (input.value.identity === 'unknown') {
      warnings.push({
        code: 'IDENTITY_UNKNOWN',
        message: `the engine never reveals a secret's value and ${object.name} was not made by SwarmDesk with this installation's key, so whether the new value differs cannot be checked`,
        subject: object.name
      })
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
    refusals.push({
      code: 'NO_CONSUMERS',
      message: `no service uses ${object.name}: there is nothing to rotate. Create a new ${noun} instead (docker ${noun} create), or remove this one`,
      subject: object.name
    })
  }

  for (const consumer of consumers) {
    const service = input.services.find((s) => s.ID === consumer.serviceId) as LiveService
    const state = service.UpdateStatus?.State
    if (state === 'paused' || state === 'rollback_paused') {
      refusals.push({
        code: 'UPDATE_PAUSED',
        message: `${consumer.serviceName}'s last update is ${state === 'paused' ? 'paused' : 'paused while rolling back'}${service.UpdateStatus?.Message ? ` (${service.UpdateStatus.Message})` : ''}: resolve it first (docker service update or docker service rollback ${consumer.serviceName})`,
        subject: consumer.serviceName
      })
    } else if (state === 'updating' || state === 'rollback_started') {
      refusals.push({ code: 'UPDATE_IN_PROGRESS', message: `${consumer.serviceName} is still ${state === 'updating' ? 'updating' : 'rolling back'}: wait until it finishes`, subject: consumer.serviceName })
    }
    // A global service on a single eligible node has one task too (ServiceStatus, when read with status=true).
    const singleTask = consumer.mode === 'replicated' ? consumer.replicas === 1 : consumer.mode === 'global' && service.ServiceStatus?.DesiredTasks === 1
    if (singleTask && consumer.order === 'stop-first') {
      warnings.push({ code: 'SINGLE_TASK_STOP_FIRST', message: `${consumer.serviceName} has one task and updates stop-first: it will be down while its new task starts. Choose start-first to avoid that`, subject: consumer.serviceName })
    }
    if (consumer.policy.failureAction === 'continue') {
      warnings.push({ code: 'UPDATE_FAILURE_ACTION', message: `${consumer.serviceName}'s update_config says failure_action: continue, so the engine will not stop a failing rollout; SwarmDesk notices it only when its wait times out`, subject: consumer.serviceName })
    }
    if (consumer.mode === 'replicated-job' || consumer.mode === 'global-job') {
      warnings.push({ code: 'JOB_CONSUMER', message: `${consumer.serviceName} is a job: updating it runs it again`, subject: consumer.serviceName })
    }
  }

  const stack = object.labels[STACK_NAMESPACE_LABEL] ?? null
  if (stack) {
    warnings.push({
      code: 'STACK_FILE',
      message: input.stackFile
        ? `${object.name} belongs to stack ${stack}: its file must name ${newName} from now on, or the next docker stack deploy puts ${object.name} back. The edited file ${input.stackFile.path} is offered (key ${input.stackFile.key}); its file: must then hold the new value, or mark the ${noun} external: true`
        : `${object.name} belongs to stack ${stack}: edit the stack file so that this ${noun} has name: ${newName}, or the next docker stack deploy puts ${object.name} back (SwarmDesk has no deployed file of this stack to edit)`,
      subject: stack
    })
  }

  const newLabels = { ...object.labels, ...input.extraLabels, [ROTATED_FROM_LABEL]: object.name }
  const shownName = newName || '<new name>'
  const steps: RotationStep[] = [
    { kind: 'create', subject: shownName, cli: createCli(kind, shownName, newLabels) },
    ...consumers.flatMap((c): RotationStep[] => [
      { kind: 'update', subject: c.serviceName, cli: c.cli },
      { kind: 'converge', subject: c.serviceName, cli: null }
    ])
  ]
  if (options.removeOld) steps.push({ kind: 'remove-old', subject: object.name, cli: removeCli(kind, object.name) })

  const essence = {
    kind,
    old: [object.id, object.version],
    newName,
    consumers: consumers.map((c) => [c.serviceId, c.version, c.references, c.order]),
    removeOld: options.removeOld,
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
    fingerprint: createHash('sha256').update(JSON.stringify(essence)).digest('hex').slice(0, 32)
  }
}
