import { X509Certificate } from 'node:crypto'
import { goDuration, type JoinRole, type SecurityFacts, type SwarmSettings } from '../../shared/security'
import type { EngineSwarm, EngineSwarmSpec } from '../docker/engine-shapes'

/**
 * The security page's facts and the swarm spec changes behind each action, as data. Pure: the
 * service (security-service.ts) reads and writes the engine around these.
 */

const NS = 1e9

/** `SWMTKN-1-<root digest>-<secret>`: the secret part (after the last dash) is masked. */
export function maskToken(token: string): string {
  const at = token.lastIndexOf('-')
  if (!token || at < 0) return '•'.repeat(12)
  return `${token.slice(0, at + 1)}${'•'.repeat(12)}`
}

export function joinLine(token: string, address: string): string {
  return `docker swarm join --token ${token} ${address}`
}

export function tokenOf(swarm: EngineSwarm, role: JoinRole): string {
  return (role === 'worker' ? swarm.JoinTokens?.Worker : swarm.JoinTokens?.Manager) ?? ''
}

export function settingsOf(spec: EngineSwarmSpec | undefined): SwarmSettings {
  const history = spec?.Orchestration?.TaskHistoryRetentionLimit
  const snapshot = spec?.Raft?.SnapshotInterval
  const heartbeat = spec?.Dispatcher?.HeartbeatPeriod
  const expiry = spec?.CAConfig?.NodeCertExpiry
  return {
    taskHistoryLimit: typeof history === 'number' ? history : null,
    snapshotInterval: typeof snapshot === 'number' ? snapshot : null,
    dispatcherHeartbeatSeconds: typeof heartbeat === 'number' ? heartbeat / NS : null,
    certExpirySeconds: typeof expiry === 'number' ? expiry / NS : null
  }
}

/** The spec with the settings applied; null when it already has them (nothing to write). */
export function applySettings(spec: EngineSwarmSpec, settings: Partial<SwarmSettings>): EngineSwarmSpec | null {
  const next: EngineSwarmSpec = { ...spec }
  if (settings.taskHistoryLimit != null) next.Orchestration = { ...spec.Orchestration, TaskHistoryRetentionLimit: settings.taskHistoryLimit }
  if (settings.snapshotInterval != null) next.Raft = { ...spec.Raft, SnapshotInterval: settings.snapshotInterval }
  if (settings.dispatcherHeartbeatSeconds != null) next.Dispatcher = { ...spec.Dispatcher, HeartbeatPeriod: Math.round(settings.dispatcherHeartbeatSeconds * NS) }
  if (settings.certExpirySeconds != null) next.CAConfig = { ...spec.CAConfig, NodeCertExpiry: Math.round(settings.certExpirySeconds * NS) }
  const before = settingsOf(spec)
  const after = settingsOf(next)
  return JSON.stringify(before) === JSON.stringify(after) ? null : next
}

/**
 * The spec of a root CA rotation, as `docker swarm ca --rotate` makes it: the user's CA
 * certificate and key when given, else ForceRotate incremented (the swarm makes a new root);
 * the certificate lifetime changed with it when asked.
 */
export function caRotationSpec(spec: EngineSwarmSpec, change: { certExpirySeconds?: number; ca?: { cert: string; key: string } }): EngineSwarmSpec {
  const ca = { ...spec.CAConfig }
  if (change.certExpirySeconds != null) ca.NodeCertExpiry = Math.round(change.certExpirySeconds * NS)
  if (change.ca) {
    ca.SigningCACert = change.ca.cert
    ca.SigningCAKey = change.ca.key
  } else {
    ca.SigningCACert = ''
    ca.SigningCAKey = ''
    ca.ForceRotate = (ca.ForceRotate ?? 0) + 1
  }
  return { ...spec, CAConfig: ca }
}

export function caRotateCli(change: { certExpirySeconds?: number; caGiven: boolean }): string {
  const flags = ['docker swarm ca --rotate']
  if (change.caGiven) flags.push('--ca-cert ca.pem --ca-key ca-key.pem')
  if (change.certExpirySeconds != null) flags.push(`--cert-expiry ${goDuration(change.certExpirySeconds)}`)
  return flags.join(' ')
}

export function autolockSpec(spec: EngineSwarmSpec, enabled: boolean): EngineSwarmSpec | null {
  if ((spec.EncryptionConfig?.AutoLockManagers === true) === enabled) return null
  return { ...spec, EncryptionConfig: { ...spec.EncryptionConfig, AutoLockManagers: enabled } }
}

/** The root certificate's fingerprint, subject and end of validity; null when there is none or it does not parse. */
export function describeRootCa(pem: string | undefined): SecurityFacts['rootCa'] {
  if (!pem?.trim()) return null
  try {
    const cert = new X509Certificate(pem)
    return { fingerprint: cert.fingerprint256, subject: cert.subject.replace(/\n/g, ', '), notAfter: new Date(cert.validTo).toISOString() }
  } catch {
    return null
  }
}

export function factsOf(swarm: EngineSwarm, joinAddress: string, keychain: SecurityFacts['keychain'], keptUnlockKey: boolean): SecurityFacts {
  return {
    swarmId: swarm.ID ?? '',
    version: swarm.Version?.Index ?? 0,
    rootCa: describeRootCa(swarm.TLSInfo?.TrustRoot),
    rotationInProgress: swarm.RootRotationInProgress === true,
    autolock: swarm.Spec?.EncryptionConfig?.AutoLockManagers === true,
    settings: settingsOf(swarm.Spec),
    joinAddress,
    maskedJoin: {
      worker: joinLine(maskToken(tokenOf(swarm, 'worker')), joinAddress),
      manager: joinLine(maskToken(tokenOf(swarm, 'manager')), joinAddress)
    },
    keychain,
    keptUnlockKey
  }
}
