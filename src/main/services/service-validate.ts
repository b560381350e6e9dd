// Every problem of a service draft, per field, before anything is sent: what the docker CLI or
// the engine would refuse (an image reference that does not parse, a bad duration or size, a
// published port another service holds, a network, secret or config that does not exist) with
// the field's path, as a code and its values (worded by service-issue-text.ts in main and by
// i18n in the renderer). Pure: the cluster comes in as data.
import type { DraftIssue, DraftIssueBody, ServiceDraft } from '../../shared/services'
import { parseConstraint } from '../placement/constraint-parser'
import { parseCPUs, parseGoDuration, parseRAMInBytes } from '../stacks/go-parse'
import { imageReferenceProblem } from '../stacks/image-reference'
import { spreadWords, wordOnRead } from '../i18n/words'
import { fileMode, splitKeyValue } from './service-draft'

export interface ValidationContext {
  /** the other services (not the one being updated) and what they publish */
  services: readonly { id: string; name: string; ports: readonly { protocol: string; publishedPort: number | null; publishMode: string }[] }[]
  /** swarm-scoped networks the service can join */
  networks: readonly { name: string; driver: string; scope: string; ingress: boolean }[]
  secrets: readonly string[]
  configs: readonly string[]
  /** the service being updated (its own ports are no conflict) */
  selfId: string | null
}

/**
 * The engine's rule for service names (swarmkit controlapi validateAnnotations: isValidDNSName and
 * at most 63 characters). Underscores are allowed between letters and digits: every stack service
 * is named `<stack>_<service>`, so a stricter rule would refuse to update them.
 */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/
const SERVICE_NAME_MAX = 63
const ENV_KEY = /^[^=\s]+$/
const MAX_REPLICAS = 100_000

/** What each group of checks reports with: an issue at a path, and the checks of a duration, a size, a number of CPUs. */
interface DraftChecks {
  add(path: string, issue: DraftIssueBody): void
  duration(path: string, text: string, allowZero?: boolean): void
  size(path: string, text: string): void
  cpus(path: string, text: string): void
}

function draftChecks(issues: DraftIssue[]): DraftChecks {
  const add = (path: string, issue: DraftIssueBody): void => {
    issues.push(spreadWords({ path }, issue) as DraftIssue)
  }
  const duration = (path: string, text: string, allowZero = true): void => {
    if (text.trim() === '') return
    const parsed = parseGoDuration(text.trim())
    if (!parsed.ok) add(path, { code: 'duration', value: text })
    else if (parsed.value < 0 || (!allowZero && parsed.value === 0)) add(path, { code: 'duration-positive', value: text })
  }
  const size = (path: string, text: string): void => {
    if (text.trim() === '') return
    const parsed = parseRAMInBytes(text.trim())
    if (!parsed.ok || parsed.value <= 0) add(path, { code: 'size', value: text })
  }
  const cpus = (path: string, text: string): void => {
    if (text.trim() === '') return
    const parsed = parseCPUs(text.trim())
    if (!parsed.ok || parsed.value <= 0) add(path, { code: 'cpus', value: text })
  }
  return { add, duration, size, cpus }
}

/** The name (free, a DNS label), the image reference, the replicas. */
function checkIdentity(draft: ServiceDraft, ctx: ValidationContext, { add }: DraftChecks): void {
  const name = draft.name.trim()
  if (name === '') add('name', { code: 'name-missing' })
  else if (name.length > SERVICE_NAME_MAX || !SERVICE_NAME.test(name)) add('name', { code: 'name-invalid', name })
  else if (ctx.services.some((s) => s.name === name && s.id !== ctx.selfId)) add('name', { code: 'name-taken', name })

  const image = draft.image.trim()
  if (image === '') add('image', { code: 'image-missing' })
  else {
    // the reason is the reference parser's English (docker's own words), worded when read
    const problem = imageReferenceProblem(image)
    if (problem) add('image', wordOnRead({ code: 'image-invalid', image, reason: '' }, 'reason', problem))
  }

  if (draft.mode === 'replicated' && (draft.replicas < 0 || draft.replicas > MAX_REPLICAS)) add('replicas', { code: 'replicas-range', min: 0, max: MAX_REPLICAS })
}

/** Environment entries (KEY=value, each key once) and labels. */
function checkEnvAndLabels(draft: ServiceDraft, { add }: DraftChecks): void {
  draft.env.forEach((entry, i) => {
    if (entry.trim() === '') return
    const [key] = splitKeyValue(entry)
    if (!ENV_KEY.test(key)) add(`env.${i}`, { code: 'env-format', entry })
  })
  const envKeys = new Map<string, number>()
  draft.env.forEach((entry, i) => {
    const key = splitKeyValue(entry)[0]
    if (entry.trim() === '') return
    if (envKeys.has(key)) add(`env.${i}`, { code: 'env-twice', key, firstLine: (envKeys.get(key) ?? 0) + 1 })
    else envKeys.set(key, i)
  })
  draft.labels.forEach((entry, i) => {
    if (entry.trim() === '') return
    const [key] = splitKeyValue(entry)
    if (key.trim() === '' || /\s/.test(key.trim())) add(`labels.${i}`, { code: 'label-format', entry })
  })
}

/** Published ports: in range, once each, not held by another service. */
function checkPorts(draft: ServiceDraft, ctx: ValidationContext, { add }: DraftChecks): void {
  const seenPorts = new Map<string, number>()
  draft.ports.forEach((port, i) => {
    if (!Number.isInteger(port.target) || port.target < 1 || port.target > 65535) add(`ports.${i}.target`, { code: 'target-port-range', port: port.target })
    if (port.published !== null) {
      if (port.published < 1 || port.published > 65535) add(`ports.${i}.published`, { code: 'published-port-range', port: port.published })
      const key = `${port.published}/${port.protocol}`
      if (seenPorts.has(key)) add(`ports.${i}.published`, { code: 'port-twice', port: key, firstRow: (seenPorts.get(key) ?? 0) + 1 })
      seenPorts.set(key, i)
      const holder = ctx.services.find(
        (s) => s.id !== ctx.selfId && s.ports.some((p) => p.publishedPort === port.published && p.protocol === port.protocol && (p.publishMode === 'ingress' || port.mode === 'ingress'))
      )
      if (holder) add(`ports.${i}.published`, { code: 'port-taken', port: key, service: holder.name })
    } else if (port.mode === 'host') {
      // a host-mode port without a published port binds a random one: valid, nothing to check
    }
  })
}

/** Networks: swarm-scoped, not the ingress, once each; valid aliases. */
function checkNetworks(draft: ServiceDraft, ctx: ValidationContext, { add }: DraftChecks): void {
  const swarmNetworks = new Map(ctx.networks.filter((n) => n.scope === 'swarm').map((n) => [n.name, n]))
  const seenNetworks = new Set<string>()
  draft.networks.forEach((network, i) => {
    const n = network.name.trim()
    if (n === '') return add(`networks.${i}.name`, { code: 'network-missing' })
    const known = swarmNetworks.get(n)
    if (!known) add(`networks.${i}.name`, { code: 'network-unknown', network: n })
    else if (known.ingress) add(`networks.${i}.name`, { code: 'network-ingress', network: n })
    if (seenNetworks.has(n)) add(`networks.${i}.name`, { code: 'network-twice', network: n })
    seenNetworks.add(n)
    network.aliases.forEach((alias, j) => {
      if (alias.trim() !== '' && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(alias.trim())) add(`networks.${i}.aliases.${j}`, { code: 'alias-invalid', alias })
    })
  })
}

/** Mounts: absolute targets once each, absolute bind sources, volume names, tmpfs sizes. */
function checkMounts(draft: ServiceDraft, { add, size }: DraftChecks): void {
  const seenTargets = new Set<string>()
  draft.mounts.forEach((mount, i) => {
    const target = mount.target.trim()
    if (!target.startsWith('/')) add(`mounts.${i}.target`, { code: 'mount-target-relative', target: mount.target })
    else if (seenTargets.has(target)) add(`mounts.${i}.target`, { code: 'mount-target-twice', target })
    seenTargets.add(target)
    if (mount.type === 'bind' && !mount.source.trim().startsWith('/')) add(`mounts.${i}.source`, { code: 'bind-source-relative' })
    if (mount.type === 'volume' && mount.source.trim() !== '' && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(mount.source.trim())) add(`mounts.${i}.source`, { code: 'volume-name-invalid', source: mount.source })
    if (mount.type === 'tmpfs') size(`mounts.${i}.tmpfsSize`, mount.tmpfsSize)
  })
}

/** Secrets and configs: existing, one target each, file mode and owner. */
function checkFileRefs(draft: ServiceDraft, ctx: ValidationContext, { add }: DraftChecks): void {
  const fileRefs = (kind: 'secrets' | 'configs', known: readonly string[]): void => {
    const names = new Set(known)
    const seen = new Set<string>()
    draft[kind].forEach((ref, i) => {
      const source = ref.source.trim()
      if (source === '') return add(`${kind}.${i}.source`, { code: kind === 'secrets' ? 'secret-missing' : 'config-missing' })
      if (!names.has(source)) add(`${kind}.${i}.source`, { code: kind === 'secrets' ? 'secret-unknown' : 'config-unknown', name: source })
      const target = ref.target.trim() || source
      if (seen.has(target)) add(`${kind}.${i}.target`, { code: kind === 'secrets' ? 'secret-target-twice' : 'config-target-twice', target })
      seen.add(target)
      if (ref.mode.trim() !== '' && fileMode(ref.mode) === undefined) add(`${kind}.${i}.mode`, { code: 'file-mode', value: ref.mode })
      for (const field of ['uid', 'gid'] as const) if (ref[field].trim() !== '' && !/^\d+$/.test(ref[field].trim())) add(`${kind}.${i}.${field}`, { code: 'file-owner', field, value: ref[field] })
    })
  }
  fileRefs('secrets', ctx.secrets)
  fileRefs('configs', ctx.configs)
}

/** Constraints, spread preferences, max replicas per node. */
function checkPlacement(draft: ServiceDraft, { add }: DraftChecks): void {
  draft.constraints.forEach((expression, i) => {
    if (expression.trim() === '') return
    const parsed = parseConstraint(expression.trim(), i)
    if ('error' in parsed) {
      const { message, said, suggestion, suggestionSaid, fix } = parsed.error
      add(`constraints.${i}`, { code: 'constraint', message, suggestion: suggestion ?? '', said, suggestionSaid: suggestionSaid ?? null, fix })
    }
  })
  draft.preferences.forEach((pref, i) => {
    const descriptor = pref.trim().replace(/^spread=/, '')
    if (pref.trim() !== '' && !/^(node\.labels|engine\.labels)\.\S+$|^node\.(id|hostname|role|platform\.os|platform\.arch)$/.test(descriptor)) {
      add(`preferences.${i}`, { code: 'spread-invalid', value: pref })
    }
  })
  if (draft.maxReplicasPerNode < 0) add('maxReplicasPerNode', { code: 'max-per-node-negative' })
  if (draft.maxReplicasPerNode > 0 && draft.mode === 'global') add('maxReplicasPerNode', { code: 'max-per-node-global' })
}

/** CPU and memory limits and reservations (a reservation above its limit). */
function checkResources(draft: ServiceDraft, { add, size, cpus }: DraftChecks): void {
  cpus('limits.cpus', draft.limits.cpus)
  size('limits.memory', draft.limits.memory)
  cpus('reservations.cpus', draft.reservations.cpus)
  size('reservations.memory', draft.reservations.memory)
  const limitMem = parseRAMInBytes(draft.limits.memory.trim())
  const reserveMem = parseRAMInBytes(draft.reservations.memory.trim())
  if (limitMem.ok && reserveMem.ok && draft.limits.memory.trim() && draft.reservations.memory.trim() && reserveMem.value > limitMem.value) {
    add('reservations.memory', { code: 'reservation-above-limit', reservation: draft.reservations.memory, limit: draft.limits.memory })
  }
}

/** Restart, update and rollback policies, and the healthcheck. */
function checkPolicies(draft: ServiceDraft, { add, duration }: DraftChecks): void {
  duration('restart.delay', draft.restart.delay)
  duration('restart.window', draft.restart.window)
  if (draft.restart.maxAttempts < 0) add('restart.maxAttempts', { code: 'max-attempts-negative' })
  for (const policy of ['update', 'rollback'] as const) {
    const p = draft[policy]
    if (p.parallelism < 0) add(`${policy}.parallelism`, { code: 'parallelism-negative' })
    duration(`${policy}.delay`, p.delay)
    duration(`${policy}.monitor`, p.monitor)
    if (p.maxFailureRatio < 0 || p.maxFailureRatio > 1) add(`${policy}.maxFailureRatio`, { code: 'failure-ratio', value: p.maxFailureRatio })
    if (policy === 'rollback' && p.failureAction === 'rollback') add('rollback.failureAction', { code: 'rollback-rollback' })
  }

  const h = draft.healthcheck
  if (h.mode === 'command') {
    if (h.command.trim() === '') add('healthcheck.command', { code: 'healthcheck-command' })
    duration('healthcheck.interval', h.interval, false)
    duration('healthcheck.timeout', h.timeout, false)
    duration('healthcheck.startPeriod', h.startPeriod)
    if (h.retries < 0) add('healthcheck.retries', { code: 'healthcheck-retries' })
  }
}

export function validateDraft(draft: ServiceDraft, ctx: ValidationContext): DraftIssue[] {
  const issues: DraftIssue[] = []
  const checks = draftChecks(issues)
  checkIdentity(draft, ctx, checks)
  checkEnvAndLabels(draft, checks)
  checkPorts(draft, ctx, checks)
  checkNetworks(draft, ctx, checks)
  checkMounts(draft, checks)
  checkFileRefs(draft, ctx, checks)
  checkPlacement(draft, checks)
  checkResources(draft, checks)
  checkPolicies(draft, checks)
  return issues
}
