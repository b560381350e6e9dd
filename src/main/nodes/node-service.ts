import type { ClusterRegistry } from '../clusters/cluster-registry'
import { updateWithRetry } from '../docker/versioned-update'
import { toAppError } from '../docker/engine-errors'
import type { EngineGateway } from '../docker/engine-gateway'
import { normaliseNode } from '../mirror/normalise'
import type { EngineNode } from '../docker/engine-shapes'
import { applyLabelChange, labelChangeCli, labelsEqual, validateLabelChange, type LabelChange } from './label-edit'
import { checkNodeChange, nodeChangeCli, type NodeChange } from './node-guards'
import { nodeRefusalPhrase, nodeWarningPhrase } from '../../shared/node-guard-phrases'
import { phrase, type Phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { joinedPhrases } from '../../shared/phrase-list'
import { isAppError } from '../../shared/errors'
import type { SwarmNode } from '../../shared/domain'

interface NodeSpec {
  Name?: string
  Role?: string
  Availability?: string
  Labels?: Record<string, string>
}

export interface LabelResult {
  nodeId: string
  hostname: string
  ok: boolean
  changed: boolean
  attempts: number
  error: { code: string; message: string; said?: Phrase } | null
  cli: string
}

/** The mirror's nodes with `nodeId` as the engine has it now (left as is when the engine does not know it). */
async function withLiveNode(engine: EngineGateway, nodes: readonly SwarmNode[], nodeId: string): Promise<SwarmNode[]> {
  let live: SwarmNode
  try {
    live = normaliseNode((await readNode(engine, nodeId)).raw)
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return [...nodes]
    throw error
  }
  return nodes.some((n) => n.id === nodeId) ? nodes.map((n) => (n.id === nodeId ? live : n)) : [...nodes, live]
}

async function readNode(engine: EngineGateway, nodeId: string): Promise<{ version: number; spec: NodeSpec; raw: EngineNode }> {
  try {
    const raw = await engine.inspectNode(nodeId)
    return { version: raw.Version?.Index ?? 0, spec: { ...(raw.Spec ?? {}) } as NodeSpec, raw }
  } catch (error) {
    const appError = toAppError(error)
    if (appError.code === 'NOT_FOUND') throw refusal('NOT_FOUND', phrase('nodes.said.not-found', { node: nodeId }))
    throw appError
  }
}

/** Node labels, availability and role, with the Engine's version index on every write. */
export function createNodeService(registry: ClusterRegistry) {
  const nodesOf = (clusterId: string) => registry.get(clusterId).currentSnapshot().nodes

  function hostnameOf(clusterId: string, nodeId: string): string {
    return nodesOf(clusterId).find((n) => n.id === nodeId)?.hostname ?? nodeId
  }

  return {
    /**
     * One intention applied to each node; validated for all before any node is written, so bad
     * input changes nothing. Each node is its own write (the Engine has no multi-node update).
     */
    async updateLabels(clusterId: string, nodeIds: string[], change: LabelChange): Promise<{ results: LabelResult[] }> {
      const problems = validateLabelChange(change)
      if (problems.length) {
        throw refusal('INVALID_INPUT', joinedPhrases(problems.map((p) => p.said)), { issues: problems.map((p) => ({ path: p.field, message: p.message, said: p.said })) })
      }
      const engine = registry.get(clusterId).engine
      const known = new Set(nodesOf(clusterId).map((n) => n.id))
      const unknown = nodeIds.filter((id) => !known.has(id))
      if (unknown.length) throw refusal('NOT_FOUND', phrase('nodes.said.unknown-nodes', { nodes: unknown.join(', ') }))
      const results = await Promise.all(
        nodeIds.map(async (nodeId): Promise<LabelResult> => {
          const hostname = hostnameOf(clusterId, nodeId)
          const cli = labelChangeCli(change, hostname)
          try {
            const outcome = await updateWithRetry<NodeSpec>({
              what: phrase('nodes.said.what', { node: hostname }),
              read: () => readNode(engine, nodeId),
              apply: (spec) => {
                const labels = applyLabelChange(spec.Labels ?? {}, change)
                return labelsEqual(labels, spec.Labels ?? {}) ? null : { ...spec, Labels: labels }
              },
              write: (version, spec) => engine.updateNode(nodeId, version, spec)
            })
            return { nodeId, hostname, ok: true, changed: outcome.changed, attempts: outcome.attempts, error: null, cli }
          } catch (error) {
            const appError = toAppError(error)
            return { nodeId, hostname, ok: false, changed: false, attempts: 0, error: { code: appError.code, message: appError.message, ...(appError.data.said ? { said: appError.data.said } : {}) }, cli }
          }
        })
      )
      return { results }
    },

    /** The verdict and the CLI equivalent, before anything is sent (plan first, apply second). */
    checkChange(clusterId: string, nodeId: string, change: NodeChange) {
      const verdict = checkNodeChange(nodesOf(clusterId), nodeId, change)
      return { ...verdict, cli: nodeChangeCli(change, hostnameOf(clusterId, nodeId)) }
    },

    async applyChange(clusterId: string, nodeId: string, change: NodeChange, confirmedWarnings: boolean) {
      const engine = registry.get(clusterId).engine
      // The guard reads the target node as the engine has it now: the mirror may not have heard of
      // a change made a moment ago (here or elsewhere), and "already active" must not be said of a
      // node that was just drained.
      const verdict = checkNodeChange(await withLiveNode(engine, nodesOf(clusterId), nodeId), nodeId, change)
      if (verdict.refusal) throw refusal('CONFLICT', nodeRefusalPhrase(verdict.refusal))
      if (verdict.warnings.length && !confirmedWarnings) {
        throw refusal('CONFLICT', phrase('nodes.said.confirmation-needed', { warnings: joinedPhrases(verdict.warnings.map(nodeWarningPhrase)) }))
      }
      const hostname = hostnameOf(clusterId, nodeId)
      const outcome = await updateWithRetry<NodeSpec>({
        what: phrase('nodes.said.what', { node: hostname }),
        read: () => readNode(engine, nodeId),
        apply: (spec) => {
          if ('role' in change) return spec.Role === change.role ? null : { ...spec, Role: change.role }
          return spec.Availability === change.availability ? null : { ...spec, Availability: change.availability }
        },
        write: (version, spec) => engine.updateNode(nodeId, version, spec)
      })
      const node = normaliseNode((await readNode(engine, nodeId)).raw)
      return { node, attempts: outcome.attempts, warnings: verdict.warnings, cli: nodeChangeCli(change, hostname) }
    }
  }
}
