import { phrase, type Phrase } from '../../shared/phrase'
import { sentence } from '../i18n/words'
import { joinedPhrases } from '../i18n/phrase-list'
import type { ConstraintMismatch, PlacementReason, PlacementReasonFacts, Unsuitable, UnsuitableFilter } from '../../shared/placement'

/**
 * The English wording of the placement planner's codes, for the CLI and the `message` fields of
 * the plan. The app words the same codes through i18n (placement.reason.* / placement.mismatch.*
 * / placement.unsuitable.*). Pure.
 */

export function formatCpus(nanoCpus: number): string {
  const cpus = nanoCpus / 1e9
  const text = Number.isInteger(cpus) ? String(cpus) : cpus.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')
  return `${text} CPU${cpus === 1 ? '' : 's'}`
}

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

export function mismatchText(constraint: string, mismatch: ConstraintMismatch): string {
  return `${constraint}: ${mismatchDetail(mismatch)}`
}

function mismatchDetail(mismatch: ConstraintMismatch): string {
  switch (mismatch.code) {
    case 'unknown-key':
      return 'unknown key, no node can match'
    case 'ip-invalid':
      return `'${mismatch.value}' is neither an IP address nor a CIDR, no node can match`
    case 'address-not-ip':
      return `node address '${mismatch.address}' is not an IP address`
    case 'address':
      return `node address is ${mismatch.address}`
    case 'label-missing':
      return `${mismatch.engine ? 'engine label' : 'label'} not set`
    case 'label':
      return `node has ${mismatch.engine ? 'engine label ' : ''}${mismatch.label}=${mismatch.value}`
    case 'role':
      return `node is a ${mismatch.role}`
    case 'hostname':
      return `node hostname is ${mismatch.hostname === '' ? '(none)' : mismatch.hostname}`
    case 'id':
      return `node id is ${mismatch.id}`
    case 'os':
      return `node os is ${mismatch.os === '' ? '(unknown)' : mismatch.os}`
    case 'arch': {
      const hint = mismatch.literal ? ` (constraints compare the engine's ${mismatch.arch} literally: write ${mismatch.arch})` : ''
      return `node arch is ${mismatch.arch === '' ? '(unknown)' : mismatch.arch}${hint}`
    }
  }
}

export function reasonText(reason: PlacementReasonFacts): string {
  switch (reason.code) {
    case 'NODE_NOT_READY':
      return reason.state === 'down' || reason.state === 'disconnected' ? `node is ${reason.state}` : `node state is ${reason.state}`
    case 'NODE_DRAINED':
      return 'node is drained: it runs no tasks'
    case 'NODE_PAUSED':
      return 'node is paused: it keeps its tasks but gets no new ones'
    case 'CONSTRAINT':
      return mismatchText(reason.constraint, reason.mismatch)
    case 'PLATFORM':
      return `image supports ${reason.wanted.join(', ')}; node is ${reason.os || '?'}/${reason.arch || '?'}`
    case 'RESOURCES_CPU':
      return reason.full
        ? `full: reserves ${formatCpus(reason.reservedNanoCpus)}, ${formatCpus(Math.max(0, reason.freeNanoCpus))} left`
        : `reserves ${formatCpus(reason.reservedNanoCpus)}, ${formatCpus(Math.max(0, reason.freeNanoCpus))} free`
    case 'RESOURCES_MEMORY':
      return reason.full
        ? `full: reserves ${formatBytes(reason.reservedBytes)}, ${formatBytes(Math.max(0, reason.freeBytes))} left`
        : `reserves ${formatBytes(reason.reservedBytes)} of memory, ${formatBytes(Math.max(0, reason.freeBytes))} free`
    case 'HOST_PORT':
      return reason.full ? `one task per node: host-mode port ${reason.ports.join(', ')}` : `host-mode port ${reason.ports.join(', ')} is already used on the node by another service`
    case 'MAX_REPLICAS':
      return `max_replicas_per_node is ${reason.max}`
    case 'INVALID_SPEC':
      return `the engine refuses this service: ${reason.error}`
  }
}

/** A reason with its English message attached (frozen: plans share reasons between nodes). */
export function placementReason(facts: PlacementReasonFacts): PlacementReason {
  return Object.freeze({ ...facts, message: reasonText(facts) }) as PlacementReason
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

/** swarmkit's words for pending tasks, "no suitable node (...)", as a phrase (the app's placement.unsuitable.*). */
export function unsuitablePhrase(unsuitable: Unsuitable): Phrase {
  if (unsuitable.length === 0) return phrase('placement.unsuitable.none')
  return phrase('placement.unsuitable.some', { filters: joinedPhrases(unsuitable.map(({ filter, nodes }) => unsuitableFilterPhrase(filter, nodes))) })
}

/** swarmkit's words for pending tasks, in English: "no suitable node (...)". */
export function unsuitableText(unsuitable: Unsuitable): string {
  return sentence(unsuitablePhrase(unsuitable))
}
