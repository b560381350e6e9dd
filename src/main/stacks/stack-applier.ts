// Executes a plan, in the CLI's order: pruned services, networks, secrets, configs, then the
// services in parallel. Every operation reports running -> done | failed; a failure in the
// networks, secrets or configs phase stops what depends on it (the rest is reported "not
// attempted"), a failed service does not stop the other services. Service updates carry the
// version index and are re-read, re-diffed and re-applied on "update out of sequence".
// Secret and config data are read here, sent once, and never logged nor returned.
import { isActionableOperation, type Convergence, type OperationOutcome, type ResolveImageMode, type StackOperation, type StackPlan } from '../../shared/stacks'
import { AppError } from '../../shared/errors'
import { toAppError } from '../docker/engine-errors'
import { updateWithRetry } from '../docker/versioned-update'
import type { CompiledConfig, CompiledSecret, CompiledService, CompiledStack } from './compose-compiler'
import { toJson, type JsonObject, type LiveService } from './live-shapes'
import { compareServiceSpecs } from './spec-compare'
import { waitForConvergence, type WaitTarget } from './stack-convergence'
import type { StackEngine } from './stack-engine'
import { compareContext, desiredServiceSpec, updateBody, type ImageResolution } from './stack-planner'

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
  progress(opId: string, status: 'running' | 'done' | 'failed' | 'skipped', message: string): void
  /** wait for convergence, in ms; null = detach */
  waitTimeoutMs: number | null
}

export interface ApplyOutput {
  outcomes: OperationOutcome[]
  convergence: Convergence[] | null
}

type StepResult = { message: string; warnings?: string[] }


function runningMessage(op: StackOperation): string {
  switch (op.kind) {
    case 'service.remove':
      return `Removing service ${op.name}`
    case 'network.create':
      return `Creating network ${op.name}`
    case 'secret.create':
      return `Creating secret ${op.name}`
    case 'config.create':
      return `Creating config ${op.name}`
    case 'secret.update-labels':
      return `Updating labels of secret ${op.name}`
    case 'config.update-labels':
      return `Updating labels of config ${op.name}`
    case 'service.create':
      return `Creating service ${op.name}`
    default:
      return `Updating service ${op.name}`
  }
}

export async function applyPlan(input: ApplyInput): Promise<ApplyOutput> {
  const { engine, compiled, plan } = input
  if (!plan.ok) throw new AppError('CONFLICT', `the plan for stack ${plan.stack} has blocking problems; nothing was applied`)
  const outcomes = new Map<string, OperationOutcome>()
  let stopped: string | null = null

  const step = async (op: StackOperation, action: () => Promise<StepResult>, critical: boolean): Promise<boolean> => {
    if (stopped) {
      const message = `not attempted: ${stopped}`
      outcomes.set(op.id, { id: op.id, status: 'skipped', message, error: null, warnings: [] })
      input.progress(op.id, 'skipped', message)
      return false
    }
    input.progress(op.id, 'running', runningMessage(op))
    try {
      const result = await action()
      outcomes.set(op.id, { id: op.id, status: 'done', message: result.message, error: null, warnings: result.warnings ?? [] })
      input.progress(op.id, 'done', result.message)
      return true
    } catch (error) {
      const appError = toAppError(error)
      outcomes.set(op.id, { id: op.id, status: 'failed', message: `${runningMessage(op)} failed: ${appError.message}`, error: { code: appError.code, message: appError.message }, warnings: [] })
      input.progress(op.id, 'failed', appError.message)
      if (critical) stopped = `${op.kind.replace('.', ' ')} ${op.name} failed`
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
          if (!service) return { message: `service ${op.name} was already gone` }
          await engine.removeService(service.ID)
          return { message: `removed service ${op.name}` }
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
        if (!network) throw new AppError('INTERNAL', `network ${op.name} is not in the compiled stack`)
        const created = await engine.createNetwork(network.spec)
        return { message: `created network ${op.name}`, warnings: created.Warning ? [created.Warning] : [] }
      },
      true
    )
  }

  // 3-4. secrets, configs
  const fileObject = async (kind: 'secret' | 'config', op: StackOperation, object: CompiledSecret | CompiledConfig | undefined): Promise<StepResult> => {
    if (!object) throw new AppError('INTERNAL', `${kind} ${op.name} is not in the compiled stack`)
    const data = object.dataSource.kind === 'file' ? await input.readData(object.dataSource.path) : undefined
    const spec = data === undefined ? { ...object.spec } : { ...object.spec, Data: data }
    if (op.kind.endsWith('.create')) {
      if (kind === 'secret') await engine.createSecret(spec)
      else await engine.createConfig(spec)
      return { message: `created ${kind} ${op.name}` }
    }
    // Labels only; the full spec with its data, like the CLI: swarm refuses a content change.
    const list = kind === 'secret' ? await engine.listSecrets({ name: [op.name] }) : await engine.listConfigs({ name: [op.name] })
    const existing = list.find((o) => o.Spec.Name === op.name)
    if (!existing) throw new AppError('NOT_FOUND', `${kind} ${op.name} disappeared since the plan`)
    await updateWithRetry<{ version: number }>({
      what: `${kind} ${op.name}`,
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
    return { message: `updated the labels of ${kind} ${op.name}` }
  }
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
    const serviceStep = (op: StackOperation, compiledService: CompiledService | undefined) =>
      step(
        op,
        async (): Promise<StepResult> => {
          if (!compiledService) throw new AppError('INTERNAL', `service ${op.name} is not in the compiled stack`)
          const image = compiledService.engineImage
          const resolution = input.images.get(image)
          const auth = await input.registryAuth(image)
          if (op.kind === 'service.create') {
            const desired = desiredServiceSpec({ compiled: compiledService, live: null, mode: input.resolveImage, resolution, secretIds, configIds })
            const created = await engine.createService(toJson(desired.spec) as JsonObject, auth)
            written.set(op.id, { id: created.ID, name: op.name, restarts: false, writtenAt: Date.now() })
            return { message: `created service ${op.name}`, warnings: [...desired.warnings, ...(created.Warnings ?? [])] }
          }
          const id = stackServices.find((s) => s.Spec.Name === op.name)?.ID
          if (!id) throw new AppError('NOT_FOUND', `service ${op.name} disappeared since the plan`)
          let warnings: string[] = []
          let restarts = false
          const outcome = await updateWithRetry<{ live: LiveService; body: JsonObject | null }>({
            what: `service ${op.name}`,
            read: async () => {
              const live = await engine.inspectService(id)
              return { version: live.Version.Index, spec: { live, body: null } }
            },
            apply: ({ live }) => {
              const desired = desiredServiceSpec({ compiled: compiledService, live, mode: input.resolveImage, resolution, secretIds, configIds })
              const comparison = compareServiceSpecs(compiledService.key, desired.spec, live.Spec, ctx)
              if (comparison.modeChange) throw new AppError('CONFLICT', `swarm cannot change the mode of ${op.name} (${comparison.modeChange.from} -> ${comparison.modeChange.to})`)
              if (comparison.changes.length === 0) return null
              warnings = desired.warnings
              restarts = comparison.restarts
              return { live, body: updateBody(desired.spec, live, comparison) }
            },
            write: async (version, next) => {
              const answer = await engine.updateService(id, version, next.body ?? {}, auth)
              warnings = [...warnings, ...(answer.Warnings ?? [])]
            }
          })
          written.set(op.id, { id, name: op.name, restarts, writtenAt: Date.now() })
          const retried = outcome.attempts > 1 ? ` (re-applied after ${outcome.attempts - 1} concurrent change(s))` : ''
          return { message: outcome.changed ? `updated service ${op.name}${restarts ? ', tasks replaced' : ''}${retried}` : `service ${op.name} already matched the file`, warnings }
        },
        false
      )
    await Promise.all(serviceOps.map((op) => serviceStep(op, compiled.services.find((s) => s.name === op.name))))
  }

  const outcomeList = plan.operations.filter((o) => isActionableOperation(o)).map((o) => outcomes.get(o.id) as OperationOutcome)
  if (input.waitTimeoutMs === null || stopped) return { outcomes: outcomeList, convergence: null }

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
  const convergence = await waitForConvergence(
    input.engine,
    targets.filter((t) => !jobs.has(t.name)),
    { timeoutMs: input.waitTimeoutMs, onChange: (t, verdict) => input.progress(`wait:${t.name}`, verdict.state === 'waiting' ? 'running' : verdict.state === 'converged' ? 'done' : 'failed', verdict.message) }
  )
  for (const c of convergence) if (c.state === 'timeout') input.progress(`wait:${c.service}`, 'failed', c.message)
  for (const name of jobs) convergence.push({ service: name, state: 'not-waited', running: 0, desired: 0, message: 'jobs run to completion; not waited for' })
  return { outcomes: outcomeList, convergence }
}
