// The placement planner's codes as phrases, the one mapping of them: main's edges word them in
// English (the CLI, the `message` of reasons, the plan's `explanation`), the app in the user's
// language (placement.reason.* / placement.mismatch.* / placement.unsuitable.* in en/ and
// fr/placement.json). Amounts are numbers each side writes in its own way (the CLI like the docker
// CLI, the app in the user's locale), hence `Amounts`. Pure.
import { phrase, type Phrase, type PhraseValue } from './phrase'
import { joinedPhrases } from './phrase-list'
import type { ConstraintMismatch, PlacementReasonFacts, Unsuitable, UnsuitableFilter } from './placement'

/** How amounts are written inside the reasons. */
export interface Amounts {
  cpus(nanoCpus: number): PhraseValue
  bytes(bytes: number): PhraseValue
}

/** CPUs as the CLI writes them: at most three decimals, "1 CPU", "2.5 CPUs". */
export function formatCpus(nanoCpus: number): string {
  const cpus = nanoCpus / 1e9
  const text = Number.isInteger(cpus) ? String(cpus) : cpus.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')
  return `${text} CPU${cpus === 1 ? '' : 's'}`
}

/** Bytes as the CLI writes them: binary units, one decimal ("1.5 GiB", "512 MiB"). */
export function formatBytes(bytes: number): string {
  const negative = bytes < 0
  let value = Math.abs(bytes)
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '')
  return `${negative ? '-' : ''}${text} ${units[unit]}`
}

/** The amounts of the CLI and of main's English messages (what scripts read). */
export const cliAmounts: Amounts = { cpus: formatCpus, bytes: formatBytes }

/** A constraint and why it does not match a node: "node.role == worker: node is a manager". */
export function constraintMismatchPhrase(constraint: string, mismatch: ConstraintMismatch): Phrase {
  return phrase('placement.reason.constraint', { constraint, detail: mismatchPhrase(mismatch) })
}

function mismatchPhrase(mismatch: ConstraintMismatch): Phrase {
  switch (mismatch.code) {
    case 'unknown-key':
      return phrase('placement.mismatch.unknown-key')
    case 'ip-invalid':
      return phrase('placement.mismatch.ip-invalid', { value: mismatch.value })
    case 'address-not-ip':
      return phrase('placement.mismatch.address-not-ip', { address: mismatch.address })
    case 'address':
      return phrase('placement.mismatch.address', { address: mismatch.address })
    case 'label-missing':
      return mismatch.engine ? phrase('placement.mismatch.engine-label-missing') : phrase('placement.mismatch.label-missing')
    case 'label':
      {
      const values = { label: mismatch.label, value: mismatch.value }
      return mismatch.engine ? phrase('placement.mismatch.engine-label', values) : phrase('placement.mismatch.label', values)
    }
    case 'role':
      return phrase('placement.mismatch.role', { role: rolePhrase(mismatch.role) })
    case 'hostname':
      return phrase('placement.mismatch.hostname', { hostname: mismatch.hostname === '' ? phrase('placement.mismatch.none') : mismatch.hostname })
    case 'id':
      return phrase('placement.mismatch.id', { id: mismatch.id })
    case 'os':
      return phrase('placement.mismatch.os', { os: mismatch.os === '' ? phrase('placement.mismatch.unknown') : mismatch.os })
    case 'arch': {
      const arch = mismatch.arch === '' ? phrase('placement.mismatch.unknown') : mismatch.arch
      return mismatch.literal ? phrase('placement.mismatch.archLiteral', { arch }) : phrase('placement.mismatch.arch', { arch })
    }
  }
}

function rolePhrase(role: string): PhraseValue {
  if (role === 'manager') return phrase('status.manager')
  if (role === 'worker') return phrase('status.worker')
  return role
}

function notReadyPhrase(state: Extract<PlacementReasonFacts, { code: 'NODE_NOT_READY' }>['state']): Phrase {
  switch (state) {
    case 'down':
      return phrase('placement.reason.notReady.down')
    case 'disconnected':
      return phrase('placement.reason.notReady.disconnected')
    case 'unknown':
      return phrase('placement.reason.notReady.unknown')
    case 'ready':
      return phrase('placement.reason.notReady.ready')
  }
}

/** Why a node takes no (more) task of a service, as a phrase. */
export function placementReasonPhrase(reason: PlacementReasonFacts, amounts: Amounts = cliAmounts): Phrase {
  switch (reason.code) {
    case 'NODE_NOT_READY':
      return notReadyPhrase(reason.state)
    case 'NODE_DRAINED':
      return phrase('placement.reason.drained')
    case 'NODE_PAUSED':
      return phrase('placement.reason.paused')
    case 'CONSTRAINT':
      return constraintMismatchPhrase(reason.constraint, reason.mismatch)
    case 'PLATFORM': {
      const unknown = phrase('placement.reason.unknownValue')
      return phrase('placement.reason.platform', { wanted: reason.wanted.join(', '), os: reason.os || unknown, arch: reason.arch || unknown })
    }
    case 'RESOURCES_CPU': {
      const amount = { reserved: amounts.cpus(reason.reservedNanoCpus), free: amounts.cpus(Math.max(0, reason.freeNanoCpus)) }
      return reason.full ? phrase('placement.reason.cpuFull', amount) : phrase('placement.reason.cpu', amount)
    }
    case 'RESOURCES_MEMORY': {
      const amount = { reserved: amounts.bytes(reason.reservedBytes), free: amounts.bytes(Math.max(0, reason.freeBytes)) }
      return reason.full ? phrase('placement.reason.memoryFull', amount) : phrase('placement.reason.memory', amount)
    }
    case 'HOST_PORT':
      {
      const ports = { ports: reason.ports.join(', ') }
      return reason.full ? phrase('placement.reason.portFull', ports) : phrase('placement.reason.port', ports)
    }
    case 'MAX_REPLICAS':
      return phrase('placement.reason.maxReplicas', { max: reason.max })
    case 'INVALID_SPEC':
      return phrase('placement.reason.invalidSpec', { error: reason.error })
  }
}

function unsuitableFilterPhrase(filter: UnsuitableFilter, nodes: number): Phrase {
  switch (filter) {
    case 'not-ready':
      return phrase('placement.unsuitable.not-ready', { count: nodes })
    case 'resources':
      return phrase('placement.unsuitable.resources', { count: nodes })
    case 'constraints':
      return phrase('placement.unsuitable.constraints', { count: nodes })
    case 'platform':
      return phrase('placement.unsuitable.platform', { count: nodes })
    case 'host-port':
      return phrase('placement.unsuitable.host-port', { count: nodes })
    case 'max-replicas':
      return phrase('placement.unsuitable.max-replicas', { count: nodes })
  }
}

/** swarmkit's words for pending tasks, "no suitable node (...)", as a phrase. */
export function unsuitablePhrase(unsuitable: Unsuitable): Phrase {
  if (unsuitable.length === 0) return phrase('placement.unsuitable.none')
  return phrase('placement.unsuitable.some', { filters: joinedPhrases(unsuitable.map(({ filter, nodes }) => unsuitableFilterPhrase(filter, nodes))) })
}
