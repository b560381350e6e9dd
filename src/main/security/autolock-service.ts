import type { ManagerProbe } from '../../shared/security'
import type { SwarmNode } from '../../shared/domain'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { toAppError } from '../docker/engine-errors'
import type { NodeConnections } from '../node-access/node-connections'
import { autolockSpec } from './security-facts'
import type { SwarmAccess } from './swarm-access'
import type { UnlockKeyStore } from './unlock-key-store'

/** How long asking a manager's own engine whether it is locked may take. */
const PROBE_TIMEOUT_MS = 10_000
/** How long the mirror follows an unlocked manager back into the quorum. */
const UNLOCK_FOLLOW_LIMIT_MS = 3 * 60_000

/**
 * Autolock, the unlock key, and unlocking a manager that came back locked: over that manager's
 * own connection (its node route), with the key kept in the OS keychain or the one typed. The key
 * is answered once to the caller that asked; it is kept only when asked, and only in a real keychain.
 */
export function createAutolockService(deps: { access: SwarmAccess; nodes: NodeConnections; unlockKeys: UnlockKeyStore }) {
  const { access, nodes, unlockKeys } = deps

  async function probe(clusterId: string, node: SwarmNode): Promise<ManagerProbe> {
    const base = { nodeId: node.id, hostname: node.hostname }
    let lease
    try {
      lease = await nodes.lease(clusterId, node.id, { evenIfDown: true })
      const info = await lease.engine.info({ signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      const state = info.Swarm?.LocalNodeState
      return { ...base, state: state === 'locked' ? 'locked' : state === 'active' ? 'active' : 'other', detail: state ?? null }
    } catch (error) {
      return { ...base, state: 'unreachable', detail: toAppError(error).message }
    } finally {
      lease?.release()
    }
  }

  return {
    async setAutolock(clusterId: string, enabled: boolean) {
      await access.update(clusterId, phrase('security.said.what-autolock'), (spec) => autolockSpec(spec, enabled))
      const cli = `docker swarm update --autolock=${enabled}`
      if (!enabled) return { autolock: false, unlockKey: null, cli }
      const key = await access.sessionOf(clusterId).engine.swarmUnlockKey()
      return { autolock: true, unlockKey: key.UnlockKey ?? '', cli }
    },

    async unlockKey(clusterId: string, rotate: boolean) {
      const swarm = await access.inspect(clusterId)
      if (swarm.Spec?.EncryptionConfig?.AutoLockManagers !== true) throw refusal('CONFLICT', phrase('security.said.autolock-off'))
      if (rotate) await access.update(clusterId, phrase('security.said.what-unlock-key'), (spec) => spec, { rotateManagerUnlockKey: true })
      const key = await access.sessionOf(clusterId).engine.swarmUnlockKey()
      // A kept key that was just replaced would no longer unlock anything: keep the new one instead.
      if (rotate && (await unlockKeys.has(swarm.ID ?? ''))) await unlockKeys.keep(swarm.ID ?? '', key.UnlockKey ?? '')
      return { unlockKey: key.UnlockKey ?? '', cli: rotate ? 'docker swarm unlock-key --rotate' : 'docker swarm unlock-key' }
    },

    async keepUnlockKey(clusterId: string, unlockKey: string) {
      await unlockKeys.keep(access.sessionOf(clusterId).currentSnapshot().swarm.swarmId, unlockKey)
      return { kept: true }
    },

    async forgetUnlockKey(clusterId: string) {
      return { forgotten: await unlockKeys.forget(access.sessionOf(clusterId).currentSnapshot().swarm.swarmId) }
    },

    /** Each manager the leader does not see reachable, asked over its own route what state it is in. */
    async probeManagers(clusterId: string): Promise<ManagerProbe[]> {
      const snapshot = access.sessionOf(clusterId).currentSnapshot()
      const suspects = snapshot.nodes.filter((n) => n.role === 'manager' && n.manager && n.manager.reachability !== 'reachable' && n.id !== snapshot.swarm.nodeId)
      return Promise.all(suspects.map((node) => probe(clusterId, node)))
    },

    async unlock(clusterId: string, nodeId: string, typedKey?: string) {
      const snapshot = access.sessionOf(clusterId).currentSnapshot()
      const node = snapshot.nodes.find((n) => n.id === nodeId)
      if (!node) throw refusal('NOT_FOUND', phrase('security.said.no-such-node', { node: nodeId }))
      const key = typedKey ?? (await unlockKeys.get(snapshot.swarm.swarmId))
      if (!key) throw refusal('INVALID_INPUT', phrase('security.said.no-kept-key', { node: node.hostname }))
      const lease = await nodes.lease(clusterId, nodeId, { evenIfDown: true })
      const cli = `${lease.route.sshCommand.replace(/^ssh /, 'ssh -t ')} docker swarm unlock`
      try {
        const info = await lease.engine.info()
        const state = info.Swarm?.LocalNodeState ?? ''
        if (state !== 'locked') throw refusal('NOT_LOCKED', phrase('security.said.not-locked', { node: node.hostname, state }))
        try {
          await lease.engine.swarmUnlock(key)
        } catch (error) {
          const appError = toAppError(error)
          if (appError.code === 'INVALID_INPUT' || /invalid key|unlock key|could not be unlocked/i.test(appError.message)) {
            throw refusal('WRONG_UNLOCK_KEY', phrase('security.said.wrong-key', { node: node.hostname }))
          }
          throw appError
        }
      } finally {
        lease.release()
      }
      // The leader works out a manager's reachability when asked; no event says it came back.
      access.followUntil(clusterId, `unlock-${nodeId}`, (snapshot) => {
        const back = snapshot.nodes.find((n) => n.id === nodeId)
        return back?.state === 'ready' && back.manager?.reachability === 'reachable'
      }, UNLOCK_FOLLOW_LIMIT_MS)
      return { unlocked: true, cli }
    }
  }
}
