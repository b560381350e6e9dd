import type { ApiClient } from '../../api/client'
import { toErrorData } from '../../api/errors'
import type { JoinRole, SwarmSettings } from '../../../../shared/security'
import { useSecurityStore, type SecurityConfirm } from './security-store'

const store = () => useSecurityStore.getState()

export async function loadFacts(api: ApiClient, clusterId: string): Promise<void> {
  store().set({ loading: true, error: null })
  try {
    const facts = await api.call('security.facts', { clusterId })
    if (store().clusterId === clusterId) store().set({ facts, loading: false })
  } catch (error) {
    store().set({ loading: false, error: toErrorData(error) })
  }
}

/** Which managers the leader cannot reach are locked (asked over each one's own connection). */
export async function probeManagers(api: ApiClient, clusterId: string): Promise<void> {
  try {
    const probes = await api.call('security.probeManagers', { clusterId })
    if (store().clusterId === clusterId) store().set({ probes })
  } catch {
    // the page still shows what the mirror knows; a probe failing says nothing new
  }
}

export async function revealJoin(api: ApiClient, clusterId: string, role: JoinRole): Promise<void> {
  store().set({ secretError: null })
  try {
    const { command } = await api.call('security.revealJoin', { clusterId, role })
    store().set({ secret: { kind: 'join', role, command } })
  } catch (error) {
    store().set({ actionError: toErrorData(error) })
  }
}

export async function runConfirmed(api: ApiClient, clusterId: string, confirm: SecurityConfirm): Promise<void> {
  store().set({ busy: true, actionError: null })
  try {
    if (confirm.kind === 'rotate-token') {
      const result = await api.call('security.rotateJoinToken', { clusterId, role: confirm.role })
      store().set({ lastCli: result.cli })
    } else if (confirm.kind === 'autolock-on' || confirm.kind === 'autolock-off') {
      const result = await api.call('security.setAutolock', { clusterId, enabled: confirm.kind === 'autolock-on' })
      store().set({ lastCli: result.cli })
      if (result.unlockKey) store().set({ secret: { kind: 'unlock-key', key: result.unlockKey, cli: 'docker swarm unlock-key' } })
    } else {
      const result = await api.call('security.unlockKey', { clusterId, rotate: true })
      store().set({ lastCli: result.cli, secret: { kind: 'unlock-key', key: result.unlockKey, cli: result.cli } })
    }
    store().set({ busy: false, confirmOpen: false })
  } catch (error) {
    store().set({ busy: false, actionError: toErrorData(error) })
  }
  await loadFacts(api, clusterId)
}

export async function showUnlockKey(api: ApiClient, clusterId: string): Promise<void> {
  try {
    const result = await api.call('security.unlockKey', { clusterId, rotate: false })
    store().set({ secret: { kind: 'unlock-key', key: result.unlockKey, cli: result.cli } })
  } catch (error) {
    store().set({ actionError: toErrorData(error) })
  }
}

export async function keepUnlockKey(api: ApiClient, clusterId: string, unlockKey: string): Promise<void> {
  store().set({ keepBusy: true, secretError: null })
  try {
    await api.call('security.keepUnlockKey', { clusterId, unlockKey })
    store().set({ keepBusy: false, kept: true })
  } catch (error) {
    store().set({ keepBusy: false, secretError: toErrorData(error) })
  }
  await loadFacts(api, clusterId)
}

export async function forgetUnlockKey(api: ApiClient, clusterId: string): Promise<void> {
  try {
    await api.call('security.forgetUnlockKey', { clusterId })
  } catch (error) {
    store().set({ actionError: toErrorData(error) })
  }
  await loadFacts(api, clusterId)
}

function caInput(clusterId: string) {
  const ca = store().ca
  const days = Number(ca.expiryDays)
  return {
    clusterId,
    ...(ca.expiryDays.trim() && Number.isFinite(days) ? { certExpirySeconds: Math.round(days * 86_400) } : {}),
    ...(ca.useOwn ? { ca: { cert: ca.cert, key: ca.key } } : {})
  }
}

export async function planCa(api: ApiClient, clusterId: string): Promise<void> {
  store().setCa({ planning: true, error: null, plan: null })
  try {
    const plan = await api.call('security.planCaRotation', caInput(clusterId))
    store().setCa({ planning: false, plan })
  } catch (error) {
    store().setCa({ planning: false, error: toErrorData(error) })
  }
}

export async function rotateCa(api: ApiClient, clusterId: string): Promise<void> {
  store().setCa({ busy: true, error: null })
  try {
    const result = await api.call('security.rotateCa', { ...caInput(clusterId), confirmedWarnings: true })
    store().set({ lastCli: result.cli })
    store().closeCa()
  } catch (error) {
    store().setCa({ busy: false, error: toErrorData(error) })
  }
  await loadFacts(api, clusterId)
}

/** Unlock a locked manager: the key typed, else the one kept in the keychain. */
export async function unlockManager(api: ApiClient, clusterId: string): Promise<void> {
  const unlock = store().unlock
  if (!unlock) return
  store().setUnlock({ busy: true, error: null })
  try {
    const typed = unlock.typed.trim()
    const result = await api.call('security.unlock', { clusterId, nodeId: unlock.nodeId, ...(typed ? { unlockKey: typed } : {}) })
    store().set({ lastCli: result.cli })
    store().closeUnlock()
  } catch (error) {
    store().setUnlock({ busy: false, error: toErrorData(error) })
  }
  await probeManagers(api, clusterId)
}

export async function saveSettings(api: ApiClient, clusterId: string, change: Partial<SwarmSettings>): Promise<void> {
  const form = store().settings
  if (!form) return
  store().set({ settings: { ...form, busy: true, error: null } })
  try {
    const result = await api.call('security.updateSettings', { clusterId, settings: change })
    store().set({ settings: null, lastCli: result.cli })
  } catch (error) {
    const current = store().settings
    if (current) store().set({ settings: { ...current, busy: false, error: toErrorData(error) } })
  }
  await loadFacts(api, clusterId)
}
