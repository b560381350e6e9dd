// Making a stack plan: load and compile the files, read the cluster, ask the registry, compare
// contents (never writes). The plans `stacks.plan` makes are kept with a print of what they were
// made from, so that the deploy of a plan shown applies that plan (plan-staleness.ts).
import { createHash } from 'node:crypto'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { dockerConfigDir } from '../connections/docker-contexts'
import type { PlanProblem, ResolveImageMode, StackPlan, StackSource } from '../../shared/stacks'
import { compileStack, type CompiledStack } from './compose-compiler'
import { readStackFileData } from './compose-files'
import { composeProblem, type Diagnostic } from './compose-loader'
import { encodeAuthHeader, lookupRegistryAuth } from './registry-auth'
import { StackEngine } from '../docker/stack-engine'
import { deployCli, imagesToResolve, planStack, type ImageResolution, type PlanOptions } from './stack-planner'
import { planFromSnapshot } from '../placement/placement-service'
import { draftFromServiceSpec } from './placement-draft'
import { checkContents, readLiveState, resolveImages } from './stack-reader'
import { loadStackSource } from './stack-sources'
import { dataDigest, dataFilePaths, HeldPlans, inputsFingerprint, liveStateFingerprint, planRequestKey, shownOrNewPlan } from './plan-staleness'
import type { LiveState } from '../docker/live-shapes'

export interface StackPreparationDeps {
  registry: ClusterRegistry
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

/** What the plan would do (operations, their diffs, the problems): equal plans, equal prints. */
export function planFingerprint(plan: StackPlan): string {
  const essence = { stack: plan.stack, options: plan.options, operations: plan.operations, problems: plan.problems.map((p) => [p.severity, p.code, p.subject, p.message]) }
  return createHash('sha256').update(JSON.stringify(essence)).digest('hex').slice(0, 32)
}

export interface Prepared {
  plan: StackPlan
  compiled: CompiledStack | null
  files: { path: string; text: string }[]
  images: Map<string, ImageResolution>
  /** what the plan was made from (plan-staleness.ts); null when the files did not compile to a model */
  stateFingerprint: string | null
}

function withFingerprint(plan: StackPlan): StackPlan {
  return { ...plan, fingerprint: planFingerprint(plan) }
}

const EMPTY_SUMMARY: StackPlan['summary'] = { create: 0, update: 0, unchanged: 0, remove: 0, restarting: [], notInFile: [] }

export function createStackPreparation(deps: StackPreparationDeps) {
  const held = new HeldPlans<Prepared>()

  function engineOf(clusterId: string): StackEngine {
    return new StackEngine(deps.registry.get(clusterId).engine)
  }

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

  /** The print of the local inputs and the live objects a plan is made from. */
  async function stateFingerprintOf(compiled: CompiledStack, live: LiveState): Promise<string> {
    const fileData = new Map<string, string>()
    await Promise.all(
      dataFilePaths(compiled).map(async (path) => {
        try {
          fileData.set(path, dataDigest({ data: await readStackFileData(path) }))
        } catch (error) {
          fileData.set(path, dataDigest({ error: (error as Error).message }))
        }
      })
    )
    return `${inputsFingerprint(compiled, fileData)}.${liveStateFingerprint(live)}`
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
      images: new Map(),
      stateFingerprint: null
    })
    const asProblem = (severity: 'error' | 'warning') => (d: Diagnostic): PlanProblem => composeProblem(severity, d)
    const composeWarnings = loaded.result.warnings.map(asProblem('warning'))
    if (!loaded.result.model) return failed([...loaded.result.errors.map(asProblem('error')), ...composeWarnings])

    const compiled = compileStack(request.stack, loaded.result.model)
    const engine = engineOf(request.clusterId)
    const live = await readLiveState(engine)
    const auth = registryAuth(request.withRegistryAuth)
    const [images, content, stateFingerprint] = await Promise.all([
      resolveImages(engine, compiled.errors.length ? [] : imagesToResolve(compiled, live, options.resolveImage), auth),
      checkContents(engine, compiled, live, readStackFileData),
      stateFingerprintOf(compiled, live)
    ])
    const plan = planStack({ compiled, live, options, images, content, files: fileNames, variables, drift, locate: loaded.locate })
    plan.problems.unshift(...composeWarnings)
    return { plan: { ...withFingerprint(plan), placement: await placementOf(request.clusterId, compiled) }, compiled, files: loaded.files, images, stateFingerprint }
  }

  /** The print of what a plan for this request would be made from now: the files and the live objects, nothing else asked. */
  async function stateFingerprintNow(request: PlanRequest): Promise<string | null> {
    const loaded = await loadStackSource(request.source, { env: interpolationEnv(request.variables), useDotEnv: request.useDotEnv })
    if (!loaded.result.model) return null
    const compiled = compileStack(request.stack, loaded.result.model)
    return stateFingerprintOf(compiled, await readLiveState(engineOf(request.clusterId)))
  }

  /** The placement planner on each compiled service, against the mirror (no Engine call). */
  async function placementOf(clusterId: string, compiled: CompiledStack): Promise<StackPlan['placement']> {
    if (compiled.errors.length) return []
    let snapshot
    try {
      snapshot = await deps.registry.get(clusterId).snapshot()
    } catch {
      return []
    }
    const liveIdByName = new Map(snapshot.services.map((s) => [s.name, s.id]))
    return compiled.services.map((service) => {
      // A service already deployed is replaced by its new spec: its own tasks do not count against it.
      const replaces = liveIdByName.get(service.name) ?? null
      const { plan } = planFromSnapshot(snapshot, { draft: draftFromServiceSpec(service.spec), replaces })
      const summary = {
        key: service.key,
        name: service.name,
        eligible: plan.perNode.filter((n) => n.eligible).map((n) => n.hostname).sort(),
        nodes: plan.perNode.length,
        pendingTasks: plan.pendingTasks,
        explanation: null as string | null,
        unsuitable: plan.unsuitable,
        warnings: plan.warnings
      }
      // the plan's explanation as it is: English worded when read, at the edge
      return Object.defineProperty(summary, 'explanation', Object.getOwnPropertyDescriptor(plan, 'explanation') ?? { value: null })
    })
  }

  return {
    prepare,
    registryAuth,

    /** A plan to show: made, and kept so that deploying it applies this very plan. */
    async planToShow(request: PlanRequest): Promise<StackPlan> {
      const prepared = await prepare(request)
      if (prepared.stateFingerprint !== null) held.keep(prepared.plan.fingerprint, planRequestKey(request), prepared.stateFingerprint, prepared)
      return prepared.plan
    },

    /**
     * The plan a deploy applies: the one shown (`expectFingerprint`) when it is still held and
     * nothing it was made from moved; otherwise a new plan (whose fingerprint the deploy then
     * compares with the one shown).
     */
    async planToApply(request: PlanRequest & { expectFingerprint?: string }): Promise<Prepared> {
      return shownOrNewPlan(
        held,
        { expectFingerprint: request.expectFingerprint, requestKey: planRequestKey(request) },
        () => stateFingerprintNow(request),
        () => prepare(request)
      )
    }
  }
}

export type StackPreparation = ReturnType<typeof createStackPreparation>
