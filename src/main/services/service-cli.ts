// The `docker service create` and `docker service update` lines a draft stands for, with the
// CLI's own flags (cli/command/service/opts.go and update.go). Only what differs from the CLI's
// defaults (create) or from the base draft (update) is written. Pure.
import { shellQuote } from '../../shared/docker-cli'
import type { ServiceDraft, ServiceFileRefDraft, ServiceMountDraft, ServicePortDraft } from '../../shared/services'
import { emptyServiceDraft, splitKeyValue } from './service-draft'

type Flags = string[]

const q = shellQuote

function portFlag(p: ServicePortDraft): string {
  const parts = [p.published !== null ? `published=${p.published}` : null, `target=${p.target}`, p.protocol !== 'tcp' ? `protocol=${p.protocol}` : null, p.mode !== 'ingress' ? `mode=${p.mode}` : null]
  return q(parts.filter(Boolean).join(','))
}
function mountFlag(m: ServiceMountDraft): string {
  const parts = [`type=${m.type}`, m.source.trim() && m.type !== 'tmpfs' ? `source=${m.source.trim()}` : null, `target=${m.target.trim()}`, m.readOnly ? 'readonly' : null, m.type === 'tmpfs' && m.tmpfsSize.trim() ? `tmpfs-size=${m.tmpfsSize.trim()}` : null]
  return q(parts.filter(Boolean).join(','))
}
function fileRefFlag(r: ServiceFileRefDraft): string {
  const extra = [r.target.trim() ? `target=${r.target.trim()}` : null, r.uid.trim() ? `uid=${r.uid.trim()}` : null, r.gid.trim() ? `gid=${r.gid.trim()}` : null, r.mode.trim() ? `mode=${r.mode.trim()}` : null].filter(Boolean)
  return q(extra.length ? [`source=${r.source.trim()}`, ...extra].join(',') : r.source.trim())
}
function networkFlag(n: ServiceDraft['networks'][number]): string {
  const aliases = n.aliases.map((a) => a.trim()).filter(Boolean)
  return q(aliases.length ? [`name=${n.name.trim()}`, ...aliases.map((a) => `alias=${a}`)].join(',') : n.name.trim())
}

function policyFlags(prefix: 'update' | 'rollback', p: ServiceDraft['update'], base: ServiceDraft['update']): Flags {
  const out: Flags = []
  if (p.parallelism !== base.parallelism) out.push(`--${prefix}-parallelism`, String(p.parallelism))
  if (p.delay.trim() !== base.delay.trim()) out.push(`--${prefix}-delay`, q(p.delay.trim() || '0s'))
  if (p.failureAction !== base.failureAction) out.push(`--${prefix}-failure-action`, p.failureAction)
  if (p.monitor.trim() !== base.monitor.trim()) out.push(`--${prefix}-monitor`, q(p.monitor.trim() || '0s'))
  if (p.maxFailureRatio !== base.maxFailureRatio) out.push(`--${prefix}-max-failure-ratio`, String(p.maxFailureRatio))
  if (p.order !== base.order) out.push(`--${prefix}-order`, p.order)
  return out
}

function restartFlags(d: ServiceDraft['restart'], base: ServiceDraft['restart']): Flags {
  const out: Flags = []
  if (d.condition !== base.condition) out.push('--restart-condition', d.condition)
  if (d.delay.trim() !== base.delay.trim()) out.push('--restart-delay', q(d.delay.trim() || '5s'))
  if (d.maxAttempts !== base.maxAttempts) out.push('--restart-max-attempts', String(d.maxAttempts))
  if (d.window.trim() !== base.window.trim()) out.push('--restart-window', q(d.window.trim() || '0s'))
  return out
}

function resourceFlags(kind: 'limit' | 'reserve', d: ServiceDraft['limits'], base: ServiceDraft['limits']): Flags {
  const out: Flags = []
  if (d.cpus.trim() !== base.cpus.trim()) out.push(`--${kind}-cpu`, q(d.cpus.trim() || '0'))
  if (d.memory.trim() !== base.memory.trim()) out.push(`--${kind}-memory`, q(d.memory.trim() || '0'))
  return out
}

function healthFlags(h: ServiceDraft['healthcheck'], base: ServiceDraft['healthcheck'] | null): Flags {
  if (base && JSON.stringify(h) === JSON.stringify(base)) return []
  if (h.mode === 'none') return ['--no-healthcheck']
  if (h.mode === 'image') return base && base.mode !== 'image' ? ['--health-cmd', "''"] : []
  const out: Flags = ['--health-cmd', q(h.command)]
  if (h.interval.trim()) out.push('--health-interval', q(h.interval.trim()))
  if (h.timeout.trim()) out.push('--health-timeout', q(h.timeout.trim()))
  if (h.startPeriod.trim()) out.push('--health-start-period', q(h.startPeriod.trim()))
  if (h.retries > 0) out.push('--health-retries', String(h.retries))
  return out
}

const nonBlank = (list: readonly string[]): string[] => list.map((s) => s.trim()).filter(Boolean)

/** `docker service create ...` for a draft. */
export function createCli(d: ServiceDraft): string {
  const defaults = emptyServiceDraft()
  const words: Flags = ['docker', 'service', 'create']
  if (d.name.trim()) words.push('--name', q(d.name.trim()))
  if (d.mode === 'global') words.push('--mode', 'global')
  else if (d.replicas !== 1) words.push('--replicas', String(d.replicas))
  for (const p of d.ports) words.push('--publish', portFlag(p))
  for (const e of nonBlank(d.env)) words.push('--env', q(e))
  for (const l of nonBlank(d.labels)) words.push('--label', q(l))
  for (const n of d.networks) words.push('--network', networkFlag(n))
  for (const m of d.mounts) words.push('--mount', mountFlag(m))
  for (const s of d.secrets) words.push('--secret', fileRefFlag(s))
  for (const c of d.configs) words.push('--config', fileRefFlag(c))
  for (const c of nonBlank(d.constraints)) words.push('--constraint', q(c))
  for (const p of nonBlank(d.preferences)) words.push('--placement-pref', q(`spread=${p.replace(/^spread=/, '')}`))
  if (d.maxReplicasPerNode > 0) words.push('--replicas-max-per-node', String(d.maxReplicasPerNode))
  words.push(...resourceFlags('limit', d.limits, defaults.limits), ...resourceFlags('reserve', d.reservations, defaults.reservations))
  words.push(...restartFlags(d.restart, defaults.restart))
  words.push(...policyFlags('update', d.update, defaults.update), ...policyFlags('rollback', d.rollback, defaults.rollback))
  words.push(...healthFlags(d.healthcheck, null))
  words.push(q(d.image.trim() || 'IMAGE'))
  return words.join(' ')
}

/** Keyed list edits as `--x-rm` / `--x-add` pairs: removed keys first, then added or changed entries. */
function listEdits<T>(flag: string, before: readonly T[], after: readonly T[], keyOf: (v: T) => string, rmWord: (v: T) => string, addWord: (v: T) => string): Flags {
  const out: Flags = []
  const afterByKey = new Map(after.map((v) => [keyOf(v), v]))
  const beforeByKey = new Map(before.map((v) => [keyOf(v), v]))
  for (const v of before) {
    const next = afterByKey.get(keyOf(v))
    if (!next || JSON.stringify(next) !== JSON.stringify(v)) out.push(`--${flag}-rm`, rmWord(v))
  }
  for (const v of after) {
    const prev = beforeByKey.get(keyOf(v))
    if (!prev || JSON.stringify(prev) !== JSON.stringify(v)) out.push(`--${flag}-add`, addWord(v))
  }
  return out
}

/** `docker service update ... NAME` that makes `base` into `d`; `--force` when nothing else changes but a restart is asked. */
export function updateCli(base: ServiceDraft, d: ServiceDraft, name = base.name): string {
  const words: Flags = ['docker', 'service', 'update']
  if (d.image.trim() !== base.image.trim()) words.push('--image', q(d.image.trim()))
  if (d.mode === 'replicated' && d.replicas !== base.replicas) words.push('--replicas', String(d.replicas))
  const envKey = (e: string): string => splitKeyValue(e)[0]
  const envBefore = nonBlank(base.env)
  const envAfter = nonBlank(d.env)
  for (const e of envBefore) if (!envAfter.some((x) => envKey(x) === envKey(e))) words.push('--env-rm', q(envKey(e)))
  for (const e of envAfter) if (!envBefore.includes(e)) words.push('--env-add', q(e))
  const labelsBefore = nonBlank(base.labels)
  const labelsAfter = nonBlank(d.labels)
  for (const l of labelsBefore) if (!labelsAfter.some((x) => envKey(x) === envKey(l))) words.push('--label-rm', q(envKey(l)))
  for (const l of labelsAfter) if (!labelsBefore.includes(l)) words.push('--label-add', q(l))
  words.push(...listEdits('publish', base.ports, d.ports, (p) => `${p.published ?? ''}:${p.target}/${p.protocol}/${p.mode}`, (p) => q(`${p.published ?? p.target}/${p.protocol}`), portFlag))
  words.push(...listEdits('network', base.networks, d.networks, (n) => n.name.trim(), (n) => q(n.name.trim()), networkFlag))
  words.push(...listEdits('mount', base.mounts, d.mounts, (m) => m.target.trim(), (m) => q(m.target.trim()), mountFlag))
  words.push(...listEdits('secret', base.secrets, d.secrets, (s) => s.source.trim(), (s) => q(s.source.trim()), fileRefFlag))
  words.push(...listEdits('config', base.configs, d.configs, (c) => c.source.trim(), (c) => q(c.source.trim()), fileRefFlag))
  const cBefore = nonBlank(base.constraints)
  const cAfter = nonBlank(d.constraints)
  for (const c of cBefore) if (!cAfter.includes(c)) words.push('--constraint-rm', q(c))
  for (const c of cAfter) if (!cBefore.includes(c)) words.push('--constraint-add', q(c))
  if (JSON.stringify(nonBlank(base.preferences)) !== JSON.stringify(nonBlank(d.preferences))) {
    for (const p of nonBlank(base.preferences)) words.push('--placement-pref-rm', q(`spread=${p.replace(/^spread=/, '')}`))
    for (const p of nonBlank(d.preferences)) words.push('--placement-pref-add', q(`spread=${p.replace(/^spread=/, '')}`))
  }
  if (d.maxReplicasPerNode !== base.maxReplicasPerNode) words.push('--replicas-max-per-node', String(d.maxReplicasPerNode))
  words.push(...resourceFlags('limit', d.limits, base.limits), ...resourceFlags('reserve', d.reservations, base.reservations))
  words.push(...restartFlags(d.restart, base.restart))
  words.push(...policyFlags('update', d.update, base.update), ...policyFlags('rollback', d.rollback, base.rollback))
  words.push(...healthFlags(d.healthcheck, base.healthcheck))
  words.push(q(name))
  return words.join(' ')
}
