// Desired vs live ServiceSpec, the way swarm sees it (pure). Both sides are normalised first:
// what the daemon fills in or spells differently (Runtime "container", Isolation "default",
// endpoint mode "vip", port protocol "tcp", default update/rollback config, swarmkit's
// api/defaults when a spec was read with insertDefaults), network targets (IDs live, names
// desired) and empty values (Go's omitempty) must not show as changes.
//
// Which changes replace running tasks comes from swarmkit (manager/orchestrator/task.go,
// IsTaskDirty, used by orchestrator/update/updater.go and orchestrator/global/global.go): a task
// is dirty when the service's TaskTemplate differs from the task's spec, or when the service's
// EndpointSpec differs from the task's endpoint. A change confined to TaskTemplate.Placement only
// moves tasks whose node no longer satisfies the constraints (IsTaskDirtyPlacementConstraintsOnly
// + nodeMatches). Labels, Mode (replicas), UpdateConfig and RollbackConfig are not in the task.
import type { ChangeEffect, FieldChange } from '../../shared/stacks'
import { goDurationString } from './compose-config-view'
import { isJsonObject, toJson, type Json, type JsonObject } from '../docker/live-shapes'

/** Maps whose entries are data: an empty value is a value, and keys are shown as `[key]`. */
const DICTIONARY_KEYS = new Set(['Labels', 'Options', 'DriverOpts', 'Sysctls'])
const DURATION_KEYS = new Set(['Delay', 'Monitor', 'Window', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'StopGracePeriod'])
const SECOND = 1_000_000_000

export interface CompareContext {
  /** network ID -> name (live attachments carry IDs) */
  networkNames: ReadonlyMap<string, string>
}

function child(obj: JsonObject, key: string): JsonObject | null {
  const value = obj[key]
  return isJsonObject(value) ? value : null
}

function deleteIf(obj: JsonObject | null, key: string, value: Json): void {
  if (obj && obj[key] === value) delete obj[key]
}

function isEmpty(value: Json | undefined): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true
  if (Array.isArray(value)) return value.length === 0
  if (isJsonObject(value)) return Object.keys(value).length === 0
  return false
}

/** Drop empty fields recursively (dictionary entries are kept: `label=""` is a label). */
function prune(value: Json, dictionary = false): Json {
  if (Array.isArray(value)) return value.map((v) => prune(v))
  if (!isJsonObject(value)) return value
  const out: JsonObject = {}
  for (const [key, v] of Object.entries(value)) {
    if (dictionary) {
      out[key] = v
      continue
    }
    const pruned = prune(v, DICTIONARY_KEYS.has(key) && isJsonObject(v))
    if (!isEmpty(pruned)) out[key] = pruned
  }
  return out
}

function normaliseUpdateConfig(value: Json | undefined): JsonObject {
  // null means swarmkit's defaults: parallelism 1, pause on failure, 5s monitor, stop-first.
  const config: JsonObject = isJsonObject(value) ? { ...value } : { Parallelism: 1 }
  deleteIf(config, 'FailureAction', 'pause')
  deleteIf(config, 'Order', 'stop-first')
  deleteIf(config, 'Monitor', 5 * SECOND)
  return config
}

/** A spec (desired body or live Spec) in the form both sides share. */
export function normaliseServiceSpec(spec: unknown, ctx: CompareContext): JsonObject {
  const copy = toJson(spec)
  const s: JsonObject = isJsonObject(copy) ? copy : {}
  const tt = child(s, 'TaskTemplate')
  if (tt) {
    deleteIf(tt, 'Runtime', 'container')
    const cs = child(tt, 'ContainerSpec')
    deleteIf(cs, 'Isolation', 'default')
    deleteIf(cs, 'StopGracePeriod', 10 * SECOND)
    const rp = child(tt, 'RestartPolicy')
    deleteIf(rp, 'Condition', 'any')
    deleteIf(rp, 'Delay', 5 * SECOND)
    const networks = tt.Networks
    if (Array.isArray(networks)) {
      tt.Networks = networks.map((n) => {
        if (!isJsonObject(n) || typeof n.Target !== 'string') return n
        return { ...n, Target: ctx.networkNames.get(n.Target) ?? n.Target }
      })
    }
  }
  const mode = child(s, 'Mode')
  if (mode) {
    // `Global: {}` carries the mode in its presence: keep it through the pruning of empties
    if ('Global' in mode) mode.Global = true
    if ('GlobalJob' in mode) mode.GlobalJob = true
    const replicated = child(mode, 'Replicated')
    if (replicated && (replicated.Replicas === undefined || replicated.Replicas === null)) replicated.Replicas = 1
    const job = child(mode, 'ReplicatedJob')
    if (job) {
      if (job.MaxConcurrent === undefined || job.MaxConcurrent === null || job.MaxConcurrent === 0) job.MaxConcurrent = 1
      if (job.TotalCompletions === undefined || job.TotalCompletions === null || job.TotalCompletions === 0) job.TotalCompletions = job.MaxConcurrent
    }
  }
  s.UpdateConfig = normaliseUpdateConfig(s.UpdateConfig)
  s.RollbackConfig = normaliseUpdateConfig(s.RollbackConfig)
  const endpoint: JsonObject = isJsonObject(s.EndpointSpec) ? s.EndpointSpec : {}
  deleteIf(endpoint, 'Mode', 'vip')
  if (Array.isArray(endpoint.Ports)) {
    endpoint.Ports = endpoint.Ports.map((p) => {
      if (!isJsonObject(p)) return p
      const port = { ...p }
      deleteIf(port, 'Protocol', 'tcp')
      deleteIf(port, 'PublishMode', 'ingress')
      return port
    })
  }
  s.EndpointSpec = endpoint
  const pruned = prune(s)
  return isJsonObject(pruned) ? pruned : {}
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]))
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]))
  }
  return false
}

type KeyOf = (element: Json) => string | null
const stringField =
  (field: string): KeyOf =>
  (e) =>
    isJsonObject(e) && typeof e[field] === 'string' ? (e[field] as string) : null

/** Lists compared by identity rather than position (order carries no meaning for swarm). */
const KEYED_ARRAYS: Record<string, KeyOf> = {
  'TaskTemplate.ContainerSpec.Env': (e) => (typeof e === 'string' ? e.split('=')[0] : null),
  'TaskTemplate.ContainerSpec.Secrets': stringField('SecretName'),
  'TaskTemplate.ContainerSpec.Configs': stringField('ConfigName'),
  'TaskTemplate.ContainerSpec.Mounts': stringField('Target'),
  'TaskTemplate.ContainerSpec.Ulimits': stringField('Name'),
  'TaskTemplate.Networks': stringField('Target'),
  'EndpointSpec.Ports': (e) => {
    if (!isJsonObject(e)) return null
    const published = typeof e.PublishedPort === 'number' ? String(e.PublishedPort) : ''
    const protocol = typeof e.Protocol === 'string' ? e.Protocol : 'tcp'
    const mode = e.PublishMode === 'host' ? '/host' : ''
    return `${published}:${String(e.TargetPort ?? '')}/${protocol}${mode}`
  }
}

export interface RawChange {
  path: string
  /** the path without `[key]` parts, for classification */
  schemaPath: string
  before: Json | undefined
  after: Json | undefined
}

function keyed(list: Json[], keyOf: KeyOf): Map<string, Json> | null {
  const map = new Map<string, Json>()
  for (const element of list) {
    const key = keyOf(element)
    if (key === null || map.has(key)) return null
    map.set(key, element)
  }
  return map
}

function diffInto(out: RawChange[], before: Json | undefined, after: Json | undefined, path: string, schemaPath: string, dictionary: boolean): void {
  if (jsonEqual(before, after)) return
  if ((isJsonObject(before) || before === undefined) && (isJsonObject(after) || after === undefined)) {
    // a block added or removed is shown field by field, like one that changed
    const a: JsonObject = before ?? {}
    const z: JsonObject = after ?? {}
    const keys = [...new Set([...Object.keys(a), ...Object.keys(z)])].sort()
    for (const key of keys) {
      const isDictionary = DICTIONARY_KEYS.has(key) && !dictionary
      if (dictionary) diffInto(out, a[key], z[key], `${path}[${key}]`, schemaPath, false)
      else diffInto(out, a[key], z[key], path ? `${path}.${key}` : key, schemaPath ? `${schemaPath}.${key}` : key, isDictionary)
    }
    return
  }
  const keyOf = KEYED_ARRAYS[schemaPath]
  if (keyOf && (Array.isArray(before) || before === undefined) && (Array.isArray(after) || after === undefined)) {
    const a = keyed(before ?? [], keyOf)
    const b = keyed(after ?? [], keyOf)
    if (a && b) {
      const keys = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))]
      for (const key of keys) {
        const x = a.get(key)
        const y = b.get(key)
        if (x !== undefined && y !== undefined && isJsonObject(x) && isJsonObject(y)) diffInto(out, x, y, `${path}[${key}]`, schemaPath, false)
        else if (!jsonEqual(x, y)) out.push({ path: `${path}[${key}]`, schemaPath, before: x, after: y })
      }
      return
    }
  }
  out.push({ path, schemaPath, before, after })
}

export function diffJson(before: Json | undefined, after: Json | undefined): RawChange[] {
  const out: RawChange[] = []
  diffInto(out, before, after, '', '', false)
  return out
}

export function effectOf(schemaPath: string): ChangeEffect {
  if (schemaPath === 'TaskTemplate.Placement' || schemaPath.startsWith('TaskTemplate.Placement.')) return 'placement'
  if (schemaPath === 'TaskTemplate' || schemaPath.startsWith('TaskTemplate.')) return 'restart'
  if (schemaPath === 'EndpointSpec' || schemaPath.startsWith('EndpointSpec.')) return 'restart'
  return 'none'
}

/** Engine spec path -> the compose field that sets it (longest prefix wins). */
const COMPOSE_FIELDS: [string, string | null][] = [
  ['Labels', 'deploy.labels'],
  ['Mode.Replicated.Replicas', 'deploy.replicas'],
  ['Mode.ReplicatedJob', 'deploy.replicas'],
  ['Mode', 'deploy.mode'],
  ['UpdateConfig', 'deploy.update_config'],
  ['RollbackConfig', 'deploy.rollback_config'],
  ['EndpointSpec.Ports', 'ports'],
  ['EndpointSpec.Mode', 'deploy.endpoint_mode'],
  ['TaskTemplate.ContainerSpec.Image', 'image'],
  ['TaskTemplate.ContainerSpec.Labels', 'labels'],
  ['TaskTemplate.ContainerSpec.Command', 'entrypoint'],
  ['TaskTemplate.ContainerSpec.Args', 'command'],
  ['TaskTemplate.ContainerSpec.Hostname', 'hostname'],
  ['TaskTemplate.ContainerSpec.Env', 'environment'],
  ['TaskTemplate.ContainerSpec.Dir', 'working_dir'],
  ['TaskTemplate.ContainerSpec.User', 'user'],
  ['TaskTemplate.ContainerSpec.Init', 'init'],
  ['TaskTemplate.ContainerSpec.StopSignal', 'stop_signal'],
  ['TaskTemplate.ContainerSpec.StopGracePeriod', 'stop_grace_period'],
  ['TaskTemplate.ContainerSpec.TTY', 'tty'],
  ['TaskTemplate.ContainerSpec.OpenStdin', 'stdin_open'],
  ['TaskTemplate.ContainerSpec.ReadOnly', 'read_only'],
  ['TaskTemplate.ContainerSpec.Mounts', 'volumes'],
  ['TaskTemplate.ContainerSpec.Healthcheck', 'healthcheck'],
  ['TaskTemplate.ContainerSpec.Hosts', 'extra_hosts'],
  ['TaskTemplate.ContainerSpec.DNSConfig.Nameservers', 'dns'],
  ['TaskTemplate.ContainerSpec.DNSConfig.Search', 'dns_search'],
  ['TaskTemplate.ContainerSpec.Secrets', 'secrets'],
  ['TaskTemplate.ContainerSpec.Configs', 'configs'],
  ['TaskTemplate.ContainerSpec.Isolation', 'isolation'],
  ['TaskTemplate.ContainerSpec.Sysctls', 'sysctls'],
  ['TaskTemplate.ContainerSpec.CapabilityAdd', 'cap_add'],
  ['TaskTemplate.ContainerSpec.CapabilityDrop', 'cap_drop'],
  ['TaskTemplate.ContainerSpec.Ulimits', 'ulimits'],
  ['TaskTemplate.ContainerSpec.OomScoreAdj', 'oom_score_adj'],
  ['TaskTemplate.ContainerSpec.Privileges.CredentialSpec', 'credential_spec'],
  ['TaskTemplate.Resources', 'deploy.resources'],
  ['TaskTemplate.RestartPolicy', 'deploy.restart_policy'],
  ['TaskTemplate.Placement.Constraints', 'deploy.placement.constraints'],
  ['TaskTemplate.Placement.Preferences', 'deploy.placement.preferences'],
  ['TaskTemplate.Placement.MaxReplicas', 'deploy.placement.max_replicas_per_node'],
  ['TaskTemplate.Placement.Platforms', null],
  ['TaskTemplate.Networks', 'networks'],
  ['TaskTemplate.LogDriver', 'logging'],
  ['TaskTemplate.ForceUpdate', null]
]

export function composePathOf(serviceKey: string, schemaPath: string): string | null {
  let best: [string, string | null] | null = null
  for (const entry of COMPOSE_FIELDS) {
    if ((schemaPath === entry[0] || schemaPath.startsWith(`${entry[0]}.`)) && (!best || entry[0].length > best[0].length)) best = entry
  }
  return best && best[1] !== null ? `services.${serviceKey}.${best[1]}` : null
}

function lastSegment(schemaPath: string): string {
  const dot = schemaPath.lastIndexOf('.')
  return dot < 0 ? schemaPath : schemaPath.slice(dot + 1)
}

/** Readable values: durations in Go's notation, strings bare, the rest as compact JSON. */
export function formatValue(schemaPath: string, value: Json | undefined): string | null {
  if (value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' && DURATION_KEYS.has(lastSegment(schemaPath))) return goDurationString(value)
  return JSON.stringify(value, (key: string, v: unknown) => (DURATION_KEYS.has(key) && typeof v === 'number' ? goDurationString(v) : v))
}

export type ModeKind = 'replicated' | 'global' | 'replicated-job' | 'global-job'

export function modeKindOf(spec: JsonObject): ModeKind {
  const mode = child(spec, 'Mode')
  if (mode && 'Global' in mode) return 'global'
  if (mode && 'ReplicatedJob' in mode) return 'replicated-job'
  if (mode && 'GlobalJob' in mode) return 'global-job'
  return 'replicated'
}

export interface SpecComparison {
  changes: FieldChange[]
  /** some change replaces the running tasks */
  restarts: boolean
  /** nothing but TaskTemplate.Placement changed in the task template */
  placementOnly: boolean
  /** TaskTemplate and EndpointSpec are equivalent: sending the live ones keeps every task */
  taskTemplateEqual: boolean
  endpointEqual: boolean
  modeChange: { from: ModeKind; to: ModeKind } | null
}

export function compareServiceSpecs(serviceKey: string, desired: unknown, live: unknown, ctx: CompareContext): SpecComparison {
  const a = normaliseServiceSpec(live, ctx)
  const b = normaliseServiceSpec(desired, ctx)
  const raw = diffJson(a, b)
  const changes: FieldChange[] = raw.map((c) => ({
    path: c.path,
    // the stack's own labels: the image label follows `image:`, the namespace follows nothing
    composePath: c.path === 'Labels[com.docker.stack.image]' ? `services.${serviceKey}.image` : c.path.includes('[com.docker.stack.namespace]') ? null : composePathOf(serviceKey, c.schemaPath),
    before: formatValue(c.schemaPath, c.before),
    after: formatValue(c.schemaPath, c.after),
    effect: effectOf(c.schemaPath)
  }))
  const from = modeKindOf(a)
  const to = modeKindOf(b)
  const inTemplate = raw.filter((c) => c.schemaPath === 'TaskTemplate' || c.schemaPath.startsWith('TaskTemplate.'))
  return {
    changes,
    restarts: changes.some((c) => c.effect === 'restart'),
    placementOnly: inTemplate.length > 0 && inTemplate.every((c) => effectOf(c.schemaPath) === 'placement'),
    taskTemplateEqual: inTemplate.length === 0,
    endpointEqual: !raw.some((c) => effectOf(c.schemaPath) === 'restart' && c.schemaPath.startsWith('EndpointSpec')),
    modeChange: from === to ? null : { from, to }
  }
}
