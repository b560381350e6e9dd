// Executes a plan, in the CLI's order: pruned services, networks, secrets, configs, then the
// services in parallel. Every operation reports running -> done | failed; a failure in the
// networks, secrets or configs phase stops what depends on it (the rest is reported "not
// attempted"), a failed service does not stop the other services. Service updates carry the
// version index and are re-read, re-diffed and re-applied on "update out of sequence".
// Secret and config data are read here, sent once, and never logged nor returned.
import { isActionableOperation, type Convergence, type OperationOutcome, type ResolveImageMode, type StackOperation, type StackPlan } from '../../shared/stacks'
import { phrase, type Phrase, type Worded } from '../../shared/phrase'
import { refusal, withWords, worded } from '../i18n/words'
import { toAppError } from '../docker/engine-errors'
import { updateWithRetry } from '../docker/versioned-update'
import type { CompiledConfig, CompiledSecret, CompiledService, CompiledStack } from './compose-compiler'
import { toJson, type JsonObject, type LiveService } from '../docker/live-shapes'
import { compareServiceSpecs } from './spec-compare'
import type { WatchVerdict } from '../rollouts/convergence-watcher'
import { waitForConvergence, type WaitTarget } from './stack-convergence'
import type { MirrorFeed } from '../rollouts/convergence-watcher'
import type { StackEngine } from '../docker/stack-engine'
import { compareContext, desiredServiceSpec, updateBody, type ImageResolution } from './stack-planner'
import { modePhrase } from '../../shared/service-issue-phrases'
import { kindWord, systemText } from './stack-phrases'
import { groupUnresolvedImages, type UnresolvedImage } from './image-warnings'

export interface ApplyInput {
  engine: StackEngine
  compiled: CompiledStack
  plan: StackPlan
  resolveImage: ResolveImageMode
  /** the registry answers the plan was made with (the applier asks again for none) */
  images: ReadonlyMap<string, ImageResolution>
  /** X-Registry-Auth for an image, or null (always null unless --with-registry-auth) */
  registryAuth(image: string): Promise<string | null>
  /** base64 content of a secret or config file */
  readData(path: string): Promise<string>
  /** what the operation is at, as a phrase (the edges word it: the app in the user's language, the CLI in English) */
  progress(opId: string, status: 'running' | 'done' | 'failed' | 'skipped', said: Phrase): void
  /** wait for convergence, in ms; null = detach */
  waitTimeoutMs: number | null
  /** stops the wait for convergence (not the operations: what was sent stays sent) */
  waitSignal?: AbortSignal
  /** the cluster's mirror, which the wait follows (needed when waitTimeoutMs is set) */
  mirror?: MirrorFeed
  /** told of each secret created with its base64 data (SwarmDesk remembers its value's fingerprint) */
  secretCreated?(secretId: string, data: string): Promise<void>
}

export interface ApplyOutput {
  outcomes: OperationOutcome[]
  /** each image that could not be pinned, once, with the services written with it */
  warnings: Worded[]
  convergence: Convergence[] | null
}

type StepResult = { said: Phrase; warnings?: Phrase[]; unresolved?: UnresolvedImage | null }

function runningPhrase(op: StackOperation): Phrase {
  const name = op.name
  switch (op.kind) {
    case 'service.remove':
      return phrase('stacks.said.running.removeService', { name })
    case 'network.create':
      return phrase('stacks.said.running.createNetwork', { name })
    case 'secret.create':
      return phrase('stacks.said.running.createSecret', { name })
    case 'config.create':
      return phrase('stacks.said.running.createConfig', { name })
    case 'secret.update-labels':
      return phrase('stacks.said.running.updateSecretLabels', { name })
    case 'config.update-labels':
      return phrase('stacks.said.running.updateConfigLabels', { name })
    case 'service.create':
      return phrase('stacks.said.running.createService', { name })
    default:
      return phrase('stacks.said.running.updateService', { name })
  }
}

/** Why the operations after a failed network, secret or config are not attempted. */
function stoppedBy(op: StackOperation): Phrase {
  const name = op.name
  switch (op.kind) {
    case 'network.create':
      return phrase('stacks.said.outcome.stoppedBy.networkCreate', { name })
    case 'secret.create':
      return phrase('stacks.said.outcome.stoppedBy.secretCreate', { name })
    case 'secret.update-labels':
      return phrase('stacks.said.outcome.stoppedBy.secretUpdateLabels', { name })
    case 'config.create':
      return phrase('stacks.said.outcome.stoppedBy.configCreate', { name })
    case 'config.update-labels':
      return phrase('stacks.said.outcome.stoppedBy.configUpdateLabels', { name })
    default:
      return phrase('stacks.said.outcome.stoppedBy.other', { operation: op.kind.replace('.', ' '), name })
  }
}

function serviceUpdated(name: string, restarts: boolean, retries: number): Phrase {
  if (retries === 0) return restarts ? phrase('stacks.said.outcome.serviceUpdatedReplaced', { name }) : phrase('stacks.said.outcome.serviceUpdated', { name })
  return restarts ? phrase('stacks.said.outcome.serviceUpdatedReplacedRetried', { name, count: retries }) : phrase('stacks.said.outcome.serviceUpdatedRetried', { name, count: retries })
}

/** Create a secret or config, or update its labels (with its data, like the CLI: swarm refuses a content change). */
async function writeFileObject(input: ApplyInput, kind: 'secret' | 'config', op: StackOperation, object: CompiledSecret | CompiledConfig | undefined): Promise<StepResult> {
  const { engine } = input
  if (!object) throw refusal('INTERNAL', phrase('stacks.said.refusal.notCompiled', { kind: kindWord(kind), name: op.name }))
  const data = object.dataSource.kind === 'file' ? await input.readData(object.dataSource.path) : undefined
  const spec = data === undefined ? { ...object.spec } : { ...object.spec, Data: data }
  if (op.kind.endsWith('.create')) {
    if (kind === 'secret') {
      const created = await engine.createSecret(spec)
      // Best effort: without the fingerprint a rotation only cannot tell a same value.
      if (typeof spec.Data === 'string') await input.secretCreated?.(created.ID, spec.Data).catch(() => undefined)
    } else await engine.createConfig(spec)
    return { said: kind === 'secret' ? phrase('stacks.said.outcome.secretCreated', { name: op.name }) : phrase('stacks.said.outcome.configCreated', { name: op.name }) }
  }
  // Labels only; the full spec with its data, like the CLI: swarm refuses a content change.
  const list = kind === 'secret' ? await engine.listSecrets({ name: [op.name] }) : await engine.listConfigs({ name: [op.name] })
  const existing = list.find((o) => o.Spec.Name === op.name)
  if (!existing) throw refusal('NOT_FOUND', phrase('stacks.said.refusal.disappeared', { kind: kindWord(kind), name: op.name }))
  await updateWithRetry<{ version: number }>({
    what: kind === 'secret' ? phrase('stacks.said.subject.secret', { name: op.name }) : phrase('stacks.said.subject.config', { name: op.name }),
    read: async () => {
      const fresh = kind === 'secret' ? await engine.inspectSecret(existing.ID) : await engine.inspectConfig(existing.ID)
      return { version: fresh.Version.Index, spec: { version: fresh.Version.Index } }
    },
    apply: (current) => current,
    write: async (version) => {
      if (kind === 'secret') await engine.updateSecret(existing.ID, version, spec)
      else await engine.updateConfig(existing.ID, version, spec)
    }
  })
  return { said: kind === 'secret' ? phrase('stacks.said.outcome.secretLabelsUpdated', { name: op.name }) : phrase('stacks.said.outcome.configLabelsUpdated', { name: op.name }) }
}

/** What writing the stack's services needs to know, read once for all of them. */
interface ServiceTarget {
  secretIds: Map<string, string>
  configIds: Map<string, string>
  ctx: ReturnType<typeof compareContext>
  stackServices: LiveService[]
  /** services written, by operation id: what the wait follows */
  written: Map<string, WaitTarget>
}

/** Create a service, or update it against its fresh version (re-read, re-diffed, re-applied on "update out of sequence"). */
async function writeService(input: ApplyInput, target: ServiceTarget, op: StackOperation, compiledService: CompiledService | undefined): Promise<StepResult> {
  const { engine } = input
  const { secretIds, configIds, ctx, stackServices, written } = target
  if (!compiledService) throw refusal('INTERNAL', phrase('stacks.said.refusal.notCompiled', { kind: kindWord('service'), name: op.name }))
  const image = compiledService.engineImage
  const resolution = input.images.get(image)
  const auth = await input.registryAuth(image)
  if (op.kind === 'service.create') {
    const desired = desiredServiceSpec({ compiled: compiledService, live: null, mode: input.resolveImage, resolution, secretIds, configIds })
    const created = await engine.createService(toJson(desired.spec) as JsonObject, auth)
    written.set(op.id, { id: created.ID, name: op.name, restarts: false, writtenAt: Date.now() })
    return { said: phrase('stacks.said.outcome.serviceCreated', { name: op.name }), warnings: (created.Warnings ?? []).map(systemText), unresolved: desired.unresolved }
  }
  const id = stackServices.find((s) => s.Spec.Name === op.name)?.ID
  if (!id) throw refusal('NOT_FOUND', phrase('stacks.said.refusal.disappeared', { kind: kindWord('service'), name: op.name }))
  let warnings: Phrase[] = []
  let unresolved: UnresolvedImage | null = null
  let restarts = false
  let writtenVersion: number | undefined
  const update = await updateWithRetry<{ live: LiveService; body: JsonObject | null }>({
    what: phrase('stacks.said.subject.service', { name: op.name }),
    read: async () => {
      const live = await engine.inspectService(id)
      return { version: live.Version.Index, spec: { live, body: null } }
    },
    apply: ({ live }) => {
      const desired = desiredServiceSpec({ compiled: compiledService, live, mode: input.resolveImage, resolution, secretIds, configIds })
      const comparison = compareServiceSpecs(compiledService.key, desired.spec, live.Spec, ctx)
      if (comparison.modeChange) {
        const { from, to } = comparison.modeChange
        throw refusal('CONFLICT', phrase('stacks.said.refusal.modeChange', { service: op.name, from: modePhrase(from), to: modePhrase(to) }))
      }
      if (comparison.changes.length === 0) return null
      unresolved = desired.unresolved
      restarts = comparison.restarts
      return { live, body: updateBody(desired.spec, live, comparison) }
    },
    write: async (version, next) => {
      writtenVersion = version
      const answer = await engine.updateService(id, version, next.body ?? {}, auth)
      warnings = [...warnings, ...(answer.Warnings ?? []).map(systemText)]
    }
  })
  written.set(op.id, { id, name: op.name, restarts, writtenAt: Date.now(), writtenVersion })
  return { said: update.changed ? serviceUpdated(op.name, restarts, update.attempts - 1) : phrase('stacks.said.outcome.serviceMatched', { name: op.name }), warnings, unresolved }
}

export async function applyPlan(input: ApplyInput): Promise<ApplyOutput> {
  const { engine, compiled, plan } = input
  if (!plan.ok) throw refusal('CONFLICT', phrase('stacks.said.refusal.planBlocked', { stack: plan.stack }))
  const outcomes = new Map<string, OperationOutcome>()
  const unresolved: { service: string; unresolved: UnresolvedImage }[] = []
  let stopped: Phrase | null = null
  const report = (op: StackOperation, status: 'running' | 'done' | 'failed' | 'skipped', said: Phrase): void => input.progress(op.id, status, said)
  const outcome = (op: StackOperation, status: OperationOutcome['status'], said: Phrase, rest: Pick<OperationOutcome, 'error' | 'warnings'>): void => {
    outcomes.set(op.id, withWords({ id: op.id, status, message: '', said, ...rest }))
  }

  const step = async (op: StackOperation, action: () => Promise<StepResult>, critical: boolean): Promise<boolean> => {
    if (stopped) {
      const said = phrase('stacks.said.outcome.notAttempted', { reason: stopped })
      outcome(op, 'skipped', said, { error: null, warnings: [] })
      report(op, 'skipped', said)
      return false
    }
    report(op, 'running', runningPhrase(op))
    try {
      const result = await action()
      if (result.unresolved) unresolved.push({ service: op.name, unresolved: result.unresolved })
      outcome(op, 'done', result.said, { error: null, warnings: (result.warnings ?? []).map(worded) })
      report(op, 'done', result.said)
      return true
    } catch (error) {
      const appError = toAppError(error)
      // our own refusal carries its phrase; the engine's words stay as they are
      const reason = appError.data.said ?? systemText(appError.message)
      outcome(op, 'failed', phrase('stacks.said.outcome.failed', { action: runningPhrase(op), error: reason }), { error: { code: appError.code, message: appError.message }, warnings: [] })
      report(op, 'failed', reason)
      if (critical) stopped = stoppedBy(op)
      return false
    }
  }

  const ops = (phase: StackOperation['phase']) => plan.operations.filter((o) => o.phase === phase && isActionableOperation(o))

  // 1. prune (errors are reported and the deploy goes on, like the CLI)
  const pruneOps = ops('prune')
  if (pruneOps.length > 0) {
    const current = await engine.stackServices(compiled.stack)
    for (const op of pruneOps) {
      await step(
        op,
        async () => {
          const service = current.find((s) => s.Spec.Name === op.name)
          if (!service) return { said: phrase('stacks.said.outcome.serviceAlreadyGone', { name: op.name }) }
          await engine.removeService(service.ID)
          return { said: phrase('stacks.said.outcome.serviceRemoved', { name: op.name }) }
        },
        false
      )
    }
  }

  // 2. networks
  for (const op of ops('networks')) {
    const network = compiled.networks.find((n) => n.name === op.name)
    await step(
      op,
      async () => {
        if (!network) throw refusal('INTERNAL', phrase('stacks.said.refusal.notCompiled', { kind: kindWord('network'), name: op.name }))
        const created = await engine.createNetwork(network.spec)
        return { said: phrase('stacks.said.outcome.networkCreated', { name: op.name }), warnings: created.Warning ? [systemText(created.Warning)] : [] }
      },
      true
    )
  }

  // 3-4. secrets, configs
  const fileObject = (kind: 'secret' | 'config', op: StackOperation, object: CompiledSecret | CompiledConfig | undefined): Promise<StepResult> => writeFileObject(input, kind, op, object)
  for (const op of ops('secrets')) await step(op, () => fileObject('secret', op, compiled.secrets.find((s) => s.name === op.name)), true)
  for (const op of ops('configs')) await step(op, () => fileObject('config', op, compiled.configs.find((c) => c.name === op.name)), true)

  // 5. services, in parallel, against fresh IDs and versions
  const serviceOps = ops('services')
  const written = new Map<string, WaitTarget>()
  if (serviceOps.length > 0) {
    const [secrets, configs, networks, stackServices] = stopped
      ? [[], [], [], []]
      : await Promise.all([engine.listSecrets(), engine.listConfigs(), engine.listNetworks(), engine.stackServices(compiled.stack)])
    const secretIds = new Map(secrets.map((s) => [s.Spec.Name, s.ID]))
    const configIds = new Map(configs.map((c) => [c.Spec.Name, c.ID]))
    const ctx = compareContext({ services: [], networks, secrets: [], configs: [] })
    const target: ServiceTarget = { secretIds, configIds, ctx, stackServices, written }
    const serviceStep = (op: StackOperation, compiledService: CompiledService | undefined) => step(op, () => writeService(input, target, op, compiledService), false)
    await Promise.all(serviceOps.map((op) => serviceStep(op, compiled.services.find((s) => s.name === op.name))))
  }

  const outcomeList = plan.operations.filter((o) => isActionableOperation(o)).map((o) => outcomes.get(o.id) as OperationOutcome)
  // services are written in parallel: named in the plan's order, whatever finished first
  const order = new Map(serviceOps.map((o, i) => [o.name, i]))
  unresolved.sort((a, b) => (order.get(a.service) ?? 0) - (order.get(b.service) ?? 0))
  const warnings = groupUnresolvedImages(unresolved).map((w) => worded(w.said))
  if (input.waitTimeoutMs === null || stopped) return { outcomes: outcomeList, warnings, convergence: null }

  // 6. wait: every service of the file that exists now (created, updated or unchanged)
  const current = await engine.stackServices(compiled.stack)
  const targets: WaitTarget[] = []
  for (const service of compiled.services) {
    const w = written.get(`service.create:${service.name}`) ?? written.get(`service.update:${service.name}`)
    const live = current.find((s) => s.Spec.Name === service.name)
    if (w) targets.push(w)
    else if (live) targets.push({ id: live.ID, name: service.name, restarts: false, writtenAt: 0 })
  }
  const jobs = new Set(compiled.services.filter((s) => s.spec.Mode.ReplicatedJob || s.spec.Mode.GlobalJob).map((s) => s.name))
  if (!input.mirror) throw refusal('INTERNAL', phrase('stacks.said.refusal.waitNeedsMirror'))
  const convergence = await waitForConvergence(
    input.mirror,
    targets.filter((t) => !jobs.has(t.name)),
    { timeoutMs: input.waitTimeoutMs, signal: input.waitSignal, onChange: (t, verdict) => input.progress(`wait:${t.name}`, waitStatus(verdict.state), verdict.said) }
  )
  for (const c of convergence) if (c.state === 'timeout') input.progress(`wait:${c.service}`, 'failed', c.said)
  for (const name of jobs) convergence.push(withWords({ service: name, state: 'not-waited', running: 0, desired: 0, message: '', said: phrase('convergence.jobs-not-waited') }))
  return { outcomes: outcomeList, warnings, convergence }
}

/** A wait's verdict as a progress row's status: a stopped wait is skipped, not failed. */
function waitStatus(state: WatchVerdict['state']): 'running' | 'done' | 'failed' | 'skipped' {
  if (state === 'waiting') return 'running'
  if (state === 'converged') return 'done'
  return state === 'stopped' ? 'skipped' : 'failed'
}
