import { describe, expect, it } from 'vitest'
import type { EngineSwarm, EngineSwarmSpec } from '../docker/engine-shapes'
import { goDuration, settingsCli } from '../../shared/security'
import { applySettings, autolockSpec, caRotateCli, caRotationSpec, factsOf, joinLine, maskToken, settingsOf } from './security-facts'

const TOKEN = 'SWMTKN-1-451r94rdcqc57e7b238ypg8imldrzmje60kqenhhs4l16tbq0k-4jq2ax8zuteu1jz6rcbppn2xs'
const spec: EngineSwarmSpec = {
  Name: 'default',
  Orchestration: { TaskHistoryRetentionLimit: 5 },
  Raft: { SnapshotInterval: 10000, KeepOldSnapshots: 0, ElectionTick: 10, HeartbeatTick: 1 },
  Dispatcher: { HeartbeatPeriod: 5e9 },
  CAConfig: { NodeCertExpiry: 7776000e9, ForceRotate: 2 },
  EncryptionConfig: { AutoLockManagers: false },
  TaskDefaults: {}
}

describe('join tokens', () => {
  it('masks the secret part only, so the line stays recognisable', () => {
    expect(maskToken(TOKEN)).toBe('SWMTKN-1-451r94rdcqc57e7b238ypg8imldrzmje60kqenhhs4l16tbq0k-••••••••••••')
    expect(maskToken(TOKEN)).not.toContain('4jq2ax8z')
    expect(maskToken('')).toBe('••••••••••••')
  })
  it('writes the whole docker swarm join line', () => {
    expect(joinLine(TOKEN, '10.77.0.11:2377')).toBe(`docker swarm join --token ${TOKEN} 10.77.0.11:2377`)
  })
  it('facts never carry a token in clear', () => {
    const swarm: EngineSwarm = { ID: 's1', Version: { Index: 9 }, Spec: spec, JoinTokens: { Worker: TOKEN, Manager: TOKEN.replace('4jq2', 'zzzz') } }
    const facts = factsOf(swarm, '10.77.0.11:2377', { refusal: 'no-safe-storage' }, false)
    expect(JSON.stringify(facts)).not.toContain('4jq2ax8z')
    expect(JSON.stringify(facts)).not.toContain('zzzzax8z')
    expect(facts.version).toBe(9)
    expect(facts.rootCa).toBeNull()
  })
})

describe('settings', () => {
  it('reads them in the units the CLI speaks', () => {
    expect(settingsOf(spec)).toEqual({ taskHistoryLimit: 5, snapshotInterval: 10000, dispatcherHeartbeatSeconds: 5, certExpirySeconds: 7776000 })
    expect(settingsOf(undefined)).toEqual({ taskHistoryLimit: null, snapshotInterval: null, dispatcherHeartbeatSeconds: null, certExpirySeconds: null })
  })
  it.each([
    [7776000, '2160h'],
    [5400, '90m'],
    [5, '5s'],
    [90, '90s']
  ])('goDuration(%d) = %s', (seconds, text) => expect(goDuration(seconds)).toBe(text))
  it('says the docker swarm update line of what changes', () => {
    expect(settingsCli({ taskHistoryLimit: 10, certExpirySeconds: 3600 * 24 * 30 })).toBe('docker swarm update --task-history-limit 10 --cert-expiry 720h')
    expect(settingsCli({ snapshotInterval: 5000, dispatcherHeartbeatSeconds: 10 })).toBe('docker swarm update --snapshot-interval 5000 --dispatcher-heartbeat 10s')
  })
  it('changes only the fields asked, keeping the rest of the spec', () => {
    const next = applySettings(spec, { taskHistoryLimit: 10 })
    expect(next?.Orchestration?.TaskHistoryRetentionLimit).toBe(10)
    expect(next?.Raft).toEqual(spec.Raft)
    expect(next?.CAConfig).toEqual(spec.CAConfig)
    expect(next?.TaskDefaults).toEqual({})
  })
  it('writes nothing when the settings are already so', () => {
    expect(applySettings(spec, { taskHistoryLimit: 5, dispatcherHeartbeatSeconds: 5 })).toBeNull()
  })
})

describe('CA rotation spec', () => {
  it('a swarm-made root: ForceRotate incremented, no signing CA sent', () => {
    const next = caRotationSpec(spec, {})
    expect(next.CAConfig).toEqual({ NodeCertExpiry: 7776000e9, ForceRotate: 3, SigningCACert: '', SigningCAKey: '' })
  })
  it('the user\u2019s root: its certificate and key, ForceRotate left as is; a new lifetime with it', () => {
    const next = caRotationSpec(spec, { ca: { cert: 'CERT', key: 'KEY' }, certExpirySeconds: 3600 * 24 * 30 })
    expect(next.CAConfig).toEqual({ NodeCertExpiry: 2592000e9, ForceRotate: 2, SigningCACert: 'CERT', SigningCAKey: 'KEY' })
  })
  it('says the docker swarm ca line', () => {
    expect(caRotateCli({ caGiven: false })).toBe('docker swarm ca --rotate')
    expect(caRotateCli({ caGiven: true, certExpirySeconds: 3600 * 24 * 30 })).toBe('docker swarm ca --rotate --ca-cert ca.pem --ca-key ca-key.pem --cert-expiry 720h')
  })
})

describe('autolock spec', () => {
  it('turns it on and off, and writes nothing when already so', () => {
    expect(autolockSpec(spec, true)?.EncryptionConfig).toEqual({ AutoLockManagers: true })
    expect(autolockSpec(spec, false)).toBeNull()
    expect(autolockSpec({ ...spec, EncryptionConfig: { AutoLockManagers: true } }, false)?.EncryptionConfig).toEqual({ AutoLockManagers: false })
  })
})
