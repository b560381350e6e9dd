// The stacks procedures: list, plan, deploy (plan, then apply only when nothing blocks), remove,
// drift and the last deployed files. Wires the pure planner to the engine reads and the applier.
import { createHash, randomUUID } from 'node:crypto'
import type { EventBus } from '../rpc/event-bus'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { swarmIdOf as swarmIdOfCluster } from '../clusters/swarm-id'
import { dockerConfigDir } from '../connections/docker-contexts'
import { phrase } from '../../shared/phrase'
import { refusal, withWords } from '../i18n/words'
import type { DeployResult, DriftResult, PlanProblem, RemoveResult, ResolveImageMode, StackPlan, StackSource, StackSummary, DeployedRecord } from '../../shared/stacks'
import { compileStack, type CompiledStack } from './compose-compiler'
import { readStackFileData } from './compose-files'
import { composeProblem, type Diagnostic } from './compose-loader'
import { DeployedFiles } from './deployed-files'
import { encodeAuthHeader, lookupRegistryAuth } from './registry-auth'
import { applyPlan } from './stack-applier'
import { clusterMirrorFeed } from '../rollouts/convergence-watcher'
import { StackEngine } from '../docker/stack-engine'
import { deployCli, imagesToResolve, planStack, type ImageResolution, type PlanOptions } from './stack-planner'
import { planFromSnapshot } from '../placement/placement-service'
import { draftFromServiceSpec } from './placement-draft'
import { checkContents, listStacks, readLiveState, resolveImages } from './stack-reader'
import { removeStack } from './stack-remover'
import { loadStackSource } from './stack-sources'

export interface StackServiceDeps {
  registry: ClusterRegistry
  bus: EventBus
  dataDir: string
  /** the process environment: interpolation variables and DOCKER_CONFIG */
  env: Record<string, string | undefined>
}

export interface PlanRequest {
  clusterId: string
  stack: string
  source: StackSource
  useDotEnv: boolean
  variables: Record<string, string>
  resolveImage: ResolveImageMode
  prune: boolean
  withRegistryAuth: boolean
}

export interface DeployRequest extends PlanRequest {
  wait: boolean
  waitTimeoutSeconds: number
  requestId?: string
  expectFingerprint?: string
}

/** What the plan would do (operations, their diffs, the problems): equal plans, equal prints. */
export function planFingerprint(plan: StackPlan): string {
  const essence = { stack: plan.stack, options: plan.options, operations: plan.operations, problems: plan.problems.map((p) => [p.severity, p.code, p.subject, p.message]) }
  return createHash('sha256').update(JSON.stringify(essence)).digest('hex').slice(0, 32)
}

interface Prepared {
  plan: StackPlan
  compiled: CompiledStack | null
  files: { path: string; text: string }[]
  images: Map<string, ImageResolution>
}

function withFingerprint(plan: StackPlan): StackPlan {
  return { ...plan, fingerprint: planFingerprint(plan) }
}

const EMPTY_SUMMARY: StackPlan['summary'] = { create: 0, update: 0, unchanged: 0, remove: 0, restarting: [], notInFile: [] }

export function createStackService(deps: StackServiceDeps) {
  const store = new DeployedFiles(deps.dataDir)
  /** Deploys waiting for convergence, by cluster and request: the user may stop waiting. */
  const waits = new Map<string, AbortController>()
  const waitKey = (clusterId: string, requestId: string): string => `${clusterId}\u0000${requestId}`

  function engineOf(clusterId: string): StackEngine {
    return new StackEngine(deps.registry.get(clusterId).engine)
  }

  const swarmIdOf = (clusterId: string): Promise<string> => swarmIdOfCluster(deps.registry, clusterId)

  function interpolationEnv(extra: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries(deps.env)) if (v !== undefined) env[k] = v
    return { ...env, ...extra }
  }

  function registryAuth(withAuth: boolean): (image: string) => Promise<string | null> {
    if (!withAuth) return async () => null
    const dir = dockerConfigDir(deps.env as NodeJS.ProcessEnv)
    const cache = new Map<string, Promise<string | null>>()
    return (image) => {
      let found = cache.get(image)
      if (!found) {
        found = lookupRegistryAuth(image, dir).then((auth) => (auth ? encodeAuthHeader(auth) : null))
        cache.set(image, found)
      }
      return found
    }
  }

  /** Load, compile, read the cluster, ask the registry, compare contents: never writes. */
  async function prepare(request: PlanRequest, drift = false): Promise<Prepared> {
    const options: PlanOptions = { prune: request.prune, resolveImage: request.resolveImage, withRegistryAuth: request.withRegistryAuth }
    const loaded = await loadStackSource(request.source, { env: interpolationEnv(request.variables), useDotEnv: request.useDotEnv })
    const fileNames = loaded.files.map((f) => f.path)
    const variables = loaded.result.variables.map((v) => ({ name: v.name, source: v.source }))
    const failed = (problems: PlanProblem[]): Prepared => ({
      plan: withFingerprint({ stack: request.stack, ok: false, operations: [], problems, summary: EMPTY_SUMMARY, options, variables, files: fileNames, cli: deployCli(request.stack, fileNames, options), fingerprint: '', placement: [] }),
      compiled: null,
      files: loaded.files,
      images: new Map()
    })
    const asProblem = (severity: 'error' | 'warning') => (d: Diagnostic): PlanProblem => composeProblem(severity, d)
    const composeWarnings = loaded.result.warnings.map(asProblem('warning'))
    if (!loaded.result.model) return failed([...loaded.result.errors.map(asProblem('error')), ...composeWarnings])

    const compiled = compileStack(request.stack, loaded.result.model)
    const engine = engineOf(request.clusterId)
    const live = await readLiveState(engine)
    const auth = registryAuth(request.withRegistryAuth)
    const [images, content] = await Promise.all([
      resolveImages(engine, compiled.errors.length ? [] : imagesToResolve(compiled, live, options.resolveImage), auth),
      checkContents(engine, compiled, live, readStackFileData)
    ])
    const plan = planStack({ compiled, live, options, images, content, files: fileNames, variables, drift, locate: loaded.locate })
    plan.problems.unshift(...composeWarnings)
    return { plan: { ...withFingerprint(plan), placement: placementOf(request.clusterId, compiled) }, compiled, files: loaded.files, images }
  }

  /** The placement planner on each compiled service, against the mirror (no Engine call). */
  function placementOf(clusterId: string, compiled: CompiledStack): StackPlan['placement'] {
    if (compiled.errors.length) return []
    let snapshot
    try {
      snapshot = deps.registry.get(clusterId).snapshot()
    } catch {
      return []
    }
    const liveIdByName = new Map(snapshot.services.map((s) => [s.name, s.id]))
    return compiled.services.map((service) => {
      // A service already deployed is replaced by its new spec: its own tasks do not count against it.
      const replaces = liveIdByName.get(service.name) ?? null
      const { plan } = planFromSnapshot(snapshot, { draft: draftFromServiceSpec(service.spec), replaces })
      return {
        key: service.key,
        name: service.name,
        eligible: plan.perNode.filter((n) => n.eligible).map((n) => n.hostname).sort(),
        nodes: plan.perNode.length,
        pendingTasks: plan.pendingTasks,
        explanation: plan.explanation,
        unsuitable: plan.unsuitable,
        warnings: plan.warnings
      }
    })
  }

  return {
    async list(clusterId: string): Promise<StackSummary[]> {
      const swarmId = await swarmIdOf(clusterId)
      return listStacks(engineOf(clusterId), async (stack) => (await store.load(swarmId, stack))?.deployedAt ?? null)
    },

    async plan(request: PlanRequest): Promise<StackPlan> {
      return (await prepare(request)).plan
    },

    async deploy(request: DeployRequest): Promise<DeployResult> {
      const requestId = request.requestId ?? randomUUID()
      const prepared = await prepare(request)
      const { compiled } = prepared
      let { plan } = prepared
      if (request.expectFingerprint !== undefined && request.expectFingerprint !== plan.fingerprint) {
        // The cluster or the files changed since the plan the user approved: show the new one.
        const said = phrase('stacks.said.problem.planChanged')
        plan = {
          ...plan,
          ok: false,
          problems: [...plan.problems, withWords({ severity: 'error', code: 'plan-changed', subject: '', message: '', said, fix: null, fixSaid: null, path: null, location: null })]
        }
      }
      if (!plan.ok || !compiled) return { requestId, plan, applied: false, ok: false, outcomes: [], convergence: null, summary: { done: 0, failed: 0, skipped: 0 } }
      const engine = engineOf(request.clusterId)
      const swarmId = await swarmIdOf(request.clusterId)
      const waiting = request.wait ? new AbortController() : null
      const key = waitKey(request.clusterId, requestId)
      if (waiting) waits.set(key, waiting)
      const applied = await applyPlan({
        engine,
        compiled,
        plan,
        resolveImage: request.resolveImage,
        images: prepared.images,
        registryAuth: registryAuth(request.withRegistryAuth),
        readData: readStackFileData,
        waitTimeoutMs: request.wait ? request.waitTimeoutSeconds * 1000 : null,
        waitSignal: waiting?.signal,
        mirror: clusterMirrorFeed(deps.registry, deps.bus, request.clusterId),
        progress: (opId, status, message, said) => deps.bus.publish('stacks.progress', { clusterId: request.clusterId, requestId, stack: request.stack, opId, status, message, said })
      }).finally(() => {
        if (waits.get(key) === waiting) waits.delete(key)
      })
      const count = (status: string) => applied.outcomes.filter((o) => o.status === status).length
      const complete = count('failed') === 0 && count('skipped') === 0
      await store.save({
        stack: request.stack,
        swarmId,
        deployedAt: new Date().toISOString(),
        files: prepared.files,
        options: { useDotEnv: request.useDotEnv, resolveImage: request.resolveImage, prune: request.prune },
        variables: plan.variables,
        complete
      })
      const converged = applied.convergence === null || applied.convergence.every((c) => c.state === 'converged' || c.state === 'not-waited')
      return {
        requestId,
        plan,
        applied: true,
        ok: complete && converged,
        outcomes: applied.outcomes,
        convergence: applied.convergence,
        summary: { done: count('done'), failed: count('failed'), skipped: count('skipped') }
      }
    },

    /**
     * Stops waiting for a deploy's services to converge (a service pending forever would hold the
     * wait until its time-out). Only the wait stops: every operation already sent stays applied,
     * and the deploy answers with each service where it stood. False when no such wait runs.
     */
    stopWaiting(clusterId: string, requestId: string): { stopped: boolean } {
      const waiting = waits.get(waitKey(clusterId, requestId))
      if (!waiting) return { stopped: false }
      waiting.abort()
      return { stopped: true }
    },

    async remove(clusterId: string, stack: string): Promise<RemoveResult> {
      return removeStack(engineOf(clusterId), stack)
    },

    /** The live stack against its last deployed files (or the files given): the plan's diff, nothing resolved. */
    async drift(request: { clusterId: string; stack: string; source?: StackSource; useDotEnv?: boolean; variables: Record<string, string> }): Promise<DriftResult> {
      let source = request.source
      let useDotEnv = request.useDotEnv ?? false
      let deployedAt: string | null = null
      if (!source) {
        const record = await store.load(await swarmIdOf(request.clusterId), request.stack)
        if (!record) throw refusal('NOT_FOUND', phrase('stacks.said.refusal.noDeployedFiles', { stack: request.stack }))
        source = { files: record.files }
        useDotEnv = record.options.useDotEnv
        deployedAt = record.deployedAt
      }
      const { plan } = await prepare(
        { clusterId: request.clusterId, stack: request.stack, source, useDotEnv, variables: request.variables, resolveImage: 'never', prune: false, withRegistryAuth: false },
        true
      )
      const drifted = plan.summary.notInFile.length > 0 || plan.operations.some((o) => !o.kind.endsWith('.unchanged')) || plan.problems.some((p) => p.code === 'network-settings-differ')
      return { stack: request.stack, source: request.source ? 'given' : 'last-deployed', deployedAt, drifted, plan }
    },

    async lastDeployed(clusterId: string, stack: string): Promise<DeployedRecord | null> {
      return store.load(await swarmIdOf(clusterId), stack)
    }
  }
}

export type StackService = ReturnType<typeof createStackService>
