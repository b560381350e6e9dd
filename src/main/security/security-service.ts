import { settingsCli, type JoinRole, type SecurityFacts, type SwarmSettings } from '../../shared/security'
import { caRotationProgress } from '../../shared/ca-rotation'
import { phrase, type Phrase } from '../../shared/phrase'
import { refusal, withWords } from '../i18n/words'
import type { EngineSwarm, SwarmUpdateFlags } from '../docker/engine-shapes'
import { checkGivenCa } from './ca-material'
import { applySettings, caRotateCli, caRotationSpec, factsOf, joinLine, maskToken, tokenOf } from './security-facts'
import type { SwarmAccess } from './swarm-access'
import type { UnlockKeyStore } from './unlock-key-store'

export interface SecurityServiceDeps {
  access: SwarmAccess
  unlockKeys: UnlockKeyStore
  now?: () => Date
}

/** A CA rotation is followed this long at most; the engine may take longer, the page then reads it again. */
const ROTATION_FOLLOW_LIMIT_MS = 30 * 60_000

type CaChange = { certExpirySeconds?: number; ca?: { cert: string; key: string } }

/**
 * The security page's facts, join tokens, swarm settings and root CA rotation. Every write is a
 * version-guarded swarm update (swarm-access.ts); every refusal says exactly why and changes
 * nothing. A token is answered to the one caller that asked, never logged, kept or pushed.
 */
export function createSecurityService(deps: SecurityServiceDeps) {
  const { access, unlockKeys } = deps
  const now = deps.now ?? (() => new Date())

  /** While a CA rotation runs the engine sends no event for it: the mirror is re-read until it is over. */
  function follow(clusterId: string): void {
    access.followUntil(clusterId, 'ca-rotation', (snapshot) => caRotationProgress(snapshot.swarm, snapshot.nodes).done, ROTATION_FOLLOW_LIMIT_MS)
  }

  return {
    async facts(clusterId: string): Promise<SecurityFacts> {
      const swarm = await access.inspect(clusterId)
      if (swarm.RootRotationInProgress) follow(clusterId)
      return factsOf(swarm, access.joinAddress(clusterId), unlockKeys.keychain(), await unlockKeys.has(swarm.ID ?? ''))
    },

    async revealJoin(clusterId: string, role: JoinRole) {
      const swarm = await access.inspect(clusterId)
      return { command: joinLine(tokenOf(swarm, role), access.joinAddress(clusterId)), cli: `docker swarm join-token ${role}` }
    },

    async rotateJoinToken(clusterId: string, role: JoinRole) {
      const flags: SwarmUpdateFlags = role === 'worker' ? { rotateWorkerToken: true } : { rotateManagerToken: true }
      await access.update(clusterId, phrase('security.said.what-token', { role }), (spec) => spec, flags)
      const swarm = await access.inspect(clusterId)
      return { rotated: true, maskedJoin: joinLine(maskToken(tokenOf(swarm, role)), access.joinAddress(clusterId)), cli: `docker swarm join-token --rotate ${role}` }
    },

    async updateSettings(clusterId: string, settings: Partial<SwarmSettings>) {
      const result = await access.update(clusterId, phrase('security.said.what-settings'), (spec) => applySettings(spec, settings))
      return { changed: result.changed, cli: settingsCli(settings) }
    },

    async planCaRotation(clusterId: string, input: CaChange) {
      const cli = caRotateCli({ certExpirySeconds: input.certExpirySeconds, caGiven: Boolean(input.ca) })
      const swarm = await access.inspect(clusterId)
      const refused = caRefusal(swarm, input, now())
      const warnings = access
        .sessionOf(clusterId)
        .currentSnapshot()
        .nodes.filter((n) => n.state !== 'ready')
        .map((n) => withWords({ nodeId: n.id, hostname: n.hostname, message: '', said: phrase('security.said.node-down-during-rotation', { node: n.hostname }) }))
      return { refusal: refused ? withWords({ code: refused.code, message: '', said: refused.said }) : null, warnings, cli }
    },

    async rotateCa(clusterId: string, input: CaChange & { confirmedWarnings: boolean }) {
      const cli = caRotateCli({ certExpirySeconds: input.certExpirySeconds, caGiven: Boolean(input.ca) })
      const down = access.sessionOf(clusterId).currentSnapshot().nodes.filter((n) => n.state !== 'ready')
      if (down.length && !input.confirmedWarnings) {
        throw refusal('CONFLICT', phrase('security.said.confirm-nodes-down', { nodes: down.map((n) => n.hostname).join(', ') }))
      }
      await access.update(clusterId, phrase('security.said.what-ca'), (spec, swarm) => {
        const refused = caRefusal(swarm, input, now())
        if (refused) throw refusal(refused.code, refused.said)
        return caRotationSpec(spec, input)
      })
      follow(clusterId)
      return { started: true, cli }
    }
  }
}

/** Why a CA rotation cannot start now (null: it can): one already runs, or the given CA is not usable. */
function caRefusal(swarm: EngineSwarm, input: CaChange, at: Date): { code: 'CA_ROTATION_IN_PROGRESS' | 'INVALID_CA'; said: Phrase } | null {
  if (swarm.RootRotationInProgress) return { code: 'CA_ROTATION_IN_PROGRESS', said: phrase('security.said.rotation-running') }
  const wrong = input.ca ? checkGivenCa(input.ca.cert, input.ca.key, at) : null
  return wrong ? { code: 'INVALID_CA', said: wrong } : null
}
