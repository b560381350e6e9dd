import type { SwarmInfo, SwarmNode } from './domain'

/**
 * Where a root CA rotation stands, from the mirror alone (the docker CLI's `swarm ca --rotate`
 * counts the same way): a node is done when its certificate comes from the desired issuer and
 * it trusts the desired root. The rotation is over when the engine says so
 * (RootRotationInProgress false) and every node is done. Pure.
 */
export interface CaRotationProgress {
  inProgress: boolean
  total: number
  /** nodes whose certificate the desired issuer signed */
  certsRotated: number
  /** nodes that trust the desired root */
  rootsRotated: number
  /** not done yet; `down` marks a node that cannot renew until it is back (what holds the rotation) */
  pending: { nodeId: string; hostname: string; down: boolean }[]
  done: boolean
}

export function nodeHasCurrentCert(swarm: Pick<SwarmInfo, 'certIssuer'>, node: Pick<SwarmNode, 'certIssuer'>): boolean {
  return Boolean(swarm.certIssuer) && node.certIssuer === swarm.certIssuer
}

export function caRotationProgress(swarm: Pick<SwarmInfo, 'certIssuer' | 'trustRoot' | 'rootRotationInProgress'>, nodes: readonly SwarmNode[]): CaRotationProgress {
  let certsRotated = 0
  let rootsRotated = 0
  const pending: CaRotationProgress['pending'] = []
  for (const node of nodes) {
    const cert = nodeHasCurrentCert(swarm, node)
    const root = Boolean(swarm.trustRoot) && node.trustRoot === swarm.trustRoot
    if (cert) certsRotated++
    if (root) rootsRotated++
    if (!cert || !root) pending.push({ nodeId: node.id, hostname: node.hostname, down: node.state !== 'ready' })
  }
  pending.sort((a, b) => Number(b.down) - Number(a.down) || a.hostname.localeCompare(b.hostname, undefined, { numeric: true }))
  const inProgress = swarm.rootRotationInProgress === true
  const total = nodes.length
  return { inProgress, total, certsRotated, rootsRotated, pending, done: !inProgress && certsRotated === total && rootsRotated === total }
}
