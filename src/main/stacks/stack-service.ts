// The stacks procedures: list, plan, deploy (plan, then apply only when nothing blocks), remove,
// drift and the last deployed files. Wires the pure planner to the engine reads and the applier.
import { randomUUID } from 'node:crypto'
import type { EventBus } from '../rpc/event-bus'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { swarmIdOf as swarmIdOfCluster } from '../clusters/swarm-id'
import { phrase } from '../../shared/phrase'
import { refusal, withWords } from '../i18n/words'
import type { DeployResult, DriftResult, RemoveResult, StackPlan, StackSource, StackSummary, DeployedRecord } from '../../shared/stacks'
import { readStackFileData } from './compose-files'
import { DeployedFiles } from './deployed-files'
import { applyPlan } from './stack-applier'
import { clusterMirrorFeed } from '../rollouts/convergence-watcher'
import { StackEngine } from '../docker/stack-engine'
import { listStacks } from './stack-list'
import { removeStack } from './stack-remover'
import { createStackPreparation, type PlanRequest } from './stack-preparation'

export interface StackServiceDeps {
  registry: ClusterRegistry
  bus: EventBus
  dataDir: string
  /** the process environment: interpolation variables and DOCKER_CONFIG */
  env: Record<string, string | undefined>
  /** a secret this deploy created, with its value (composition.ts: the secrets' value fingerprints) */
  secretCreated?: (secretId: string, value: Buffer) => Promise<void>
}

export interface DeployRequest extends PlanRequest {
  wait: boolean
  waitTimeoutSeconds: number
  requestId?: string
  expectFingerprint?: string
}

export function createStackService(deps: StackServiceDeps) {
  const store = new DeployedFiles(deps.dataDir)
  /** Deploys waiting for convergence, by cluster and request: the user may stop waiting. */
  const waits = new Map<string, AbortController>()
  const waitKey = (clusterId: string, requestId: string): string => `${clusterId}\u0000${requestId}`

  function engineOf(clusterId: string): StackEngine {
    return new StackEngine(deps.registry.get(clusterId).engine)
  }

  const swarmIdOf = (clusterId: string): Promise<string> => swarmIdOfCluster(deps.registry, clusterId)
  const preparation = createStackPreparation(deps)
  const { prepare, registryAuth } = preparation

  return {
    async list(clusterId: string): Promise<StackSummary[]> {
      const swarmId = await swarmIdOf(clusterId)
      return listStacks(engineOf(clusterId), async (stack) => (await store.load(swarmId, stack))?.deployedAt ?? null)
    },

    async plan(request: PlanRequest): Promise<StackPlan> {
      return preparation.planToShow(request)
    },

    async deploy(request: DeployRequest): Promise<DeployResult> {
      const requestId = request.requestId ?? randomUUID()
      // the plan shown, when nothing it was made from moved since: planned once, applied as shown
      const prepared = await preparation.planToApply(request)
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
      if (!plan.ok || !compiled) return { requestId, plan, applied: false, ok: false, outcomes: [], warnings: [], convergence: null, summary: { done: 0, failed: 0, skipped: 0 } }
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
        secretCreated: deps.secretCreated && ((secretId, data) => (deps.secretCreated as NonNullable<StackServiceDeps['secretCreated']>)(secretId, Buffer.from(data, 'base64'))),
        waitTimeoutMs: request.wait ? request.waitTimeoutSeconds * 1000 : null,
        waitSignal: waiting?.signal,
        mirror: clusterMirrorFeed(deps.registry, deps.bus, request.clusterId),
        progress: (opId, status, said) => deps.bus.publish('stacks.progress', withWords({ clusterId: request.clusterId, requestId, stack: request.stack, opId, status, message: '', said }))
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
        warnings: applied.warnings,
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
