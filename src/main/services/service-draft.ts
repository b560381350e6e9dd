// The service form's draft and the Engine's ServiceSpec, both ways, as the docker CLI builds them
// (cli/command/service/opts.go, update.go): draft -> spec for `docker service create`, spec ->
// draft to prefill the update form, and `writeDraftFields` to write only some fields of a draft
// into a live spec (an update re-applies only what the user changed, keeping every field the
// form does not know about). Pure: the cluster's names and IDs come in as a context.
import { emptyServiceDraft, type ServiceDraft, type ServiceDraftKey, type ServiceFileRefDraft, type ServiceMountDraft } from '../../shared/services'

export { emptyServiceDraft }
import { goDurationString } from '../stacks/compose-config-view'
import { parseCPUs, parseGoDuration, parseRAMInBytes } from '../stacks/go-parse'
import { taggedFamiliarImage } from '../stacks/image-reference'
import { isJsonObject, toJson, type Json, type JsonObject } from '../docker/live-shapes'

export const DRAFT_KEYS: readonly ServiceDraftKey[] = [
  'name', 'image', 'mode', 'replicas', 'env', 'labels', 'ports', 'networks', 'mounts', 'secrets', 'configs',
  'constraints', 'preferences', 'maxReplicasPerNode', 'limits', 'reservations', 'restart', 'update', 'rollback', 'healthcheck'
]

/** Names and IDs of the cluster's objects (the engine stores IDs; people type names). */
export interface DraftContext {
  networkNameById: ReadonlyMap<string, string>
  secretIdByName: ReadonlyMap<string, string>
  configIdByName: ReadonlyMap<string, string>
}

// ---- small converters -------------------------------------------------------------------------

/** `10s` -> ns; blank -> undefined (left out, the engine's default). Invalid values never get here (validated first). */
function durationNs(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const parsed = parseGoDuration(text.trim())
  return parsed.ok ? parsed.value : undefined
}
function bytes(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const parsed = parseRAMInBytes(text.trim())
  return parsed.ok ? parsed.value : undefined
}
function nanoCpus(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const parsed = parseCPUs(text.trim())
  return parsed.ok ? parsed.value : undefined
}
export function durationText(ns: Json | undefined): string {
  return typeof ns === 'number' && ns !== 0 ? goDurationString(ns) : ''
}
/** Bytes as the shortest exact `--limit-memory` value (1073741824 -> 1G). */
export function bytesText(value: Json | undefined): string {
  if (typeof value !== 'number' || value <= 0) return ''
  const units = ['', 'K', 'M', 'G', 'T']
  let v = Math.floor(value)
  let unit = 0
  while (unit < units.length - 1 && v >= 1024 && v % 1024 === 0) {
    v /= 1024
    unit++
  }
  return `${v}${units[unit]}`
}
export function cpusText(value: Json | undefined): string {
  return typeof value === 'number' && value > 0 ? String(value / 1e9) : ''
}
/** `0444` -> 292; the CLI reads file modes in octal. */
export function fileMode(text: string): number | undefined {
  const t = text.trim()
  if (t === '') return undefined
  return /^[0-7]{1,4}$/.test(t) ? parseInt(t, 8) : undefined
}
export function fileModeText(mode: Json | undefined): string {
  return typeof mode === 'number' ? `0${mode.toString(8).padStart(3, '0')}` : ''
}
export function splitKeyValue(entry: string): [string, string] {
  const eq = entry.indexOf('=')
  return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)]
}

function obj(parent: JsonObject, key: string): JsonObject {
  const existing = parent[key]
  if (isJsonObject(existing)) return existing
  const created: JsonObject = {}
  parent[key] = created
  return created
}
function get(parent: Json | undefined, ...path: string[]): Json | undefined {
  let at: Json | undefined = parent
  for (const key of path) {
    if (!isJsonObject(at)) return undefined
    at = at[key]
  }
  return at
}
function setOrDelete(parent: JsonObject, key: string, value: Json | undefined): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) delete parent[key]
  else parent[key] = value
}
const asArray = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : [])
const asString = (value: Json | undefined): string => (typeof value === 'string' ? value : '')
const asNumber = (value: Json | undefined, fallback = 0): number => (typeof value === 'number' ? value : fallback)

function fileRefBody(ref: ServiceFileRefDraft, idByName: ReadonlyMap<string, string>, kind: 'Secret' | 'Config'): JsonObject {
  const target = ref.target.trim() || ref.source.trim()
  return {
    File: { Name: target, UID: ref.uid.trim() || '0', GID: ref.gid.trim() || '0', Mode: fileMode(ref.mode) ?? 0o444 },
    [`${kind}ID`]: idByName.get(ref.source.trim()) ?? '',
    [`${kind}Name`]: ref.source.trim()
  }
}
function fileRefDraft(ref: Json, kind: 'Secret' | 'Config'): ServiceFileRefDraft {
  const file = get(ref, 'File')
  const source = asString(get(ref, `${kind}Name`))
  const target = asString(get(file, 'Name'))
  return { source, target: target === source ? '' : target, uid: asString(get(file, 'UID')) === '0' ? '' : asString(get(file, 'UID')), gid: asString(get(file, 'GID')) === '0' ? '' : asString(get(file, 'GID')), mode: get(file, 'Mode') === 0o444 ? '' : fileModeText(get(file, 'Mode')) }
}

function mountBody(m: ServiceMountDraft): JsonObject {
  const body: JsonObject = { Type: m.type, Target: m.target.trim() }
  if (m.source.trim() !== '' && m.type !== 'tmpfs') body.Source = m.source.trim()
  if (m.readOnly) body.ReadOnly = true
  const size = m.type === 'tmpfs' ? bytes(m.tmpfsSize) : undefined
  if (size !== undefined) body.TmpfsOptions = { SizeBytes: size }
  return body
}

function policyBody(p: ServiceDraft['update']): JsonObject {
  const body: JsonObject = { Parallelism: p.parallelism, FailureAction: p.failureAction, MaxFailureRatio: p.maxFailureRatio, Order: p.order }
  const delay = durationNs(p.delay)
  if (delay !== undefined) body.Delay = delay
  const monitor = durationNs(p.monitor)
  if (monitor !== undefined) body.Monitor = monitor
  return body
}
function policyDraft(body: Json | undefined): ServiceDraft['update'] {
  if (!isJsonObject(body)) return emptyServiceDraft().update
  const action = asString(body.FailureAction)
  const order = asString(body.Order)
  return {
    parallelism: asNumber(body.Parallelism, 0),
    delay: durationText(body.Delay),
    failureAction: action === 'continue' || action === 'rollback' ? action : 'pause',
    monitor: durationText(body.Monitor),
    maxFailureRatio: asNumber(body.MaxFailureRatio),
    order: order === 'start-first' ? 'start-first' : 'stop-first'
  }
}

function resourcesDraft(body: Json | undefined): ServiceDraft['limits'] {
  return { cpus: cpusText(get(body, 'NanoCPUs')), memory: bytesText(get(body, 'MemoryBytes')) }
}
function writeResources(resources: JsonObject, key: 'Limits' | 'Reservations', draft: ServiceDraft['limits']): void {
  const block: JsonObject = isJsonObject(resources[key]) ? { ...(resources[key] as JsonObject) } : {}
  setOrDelete(block, 'NanoCPUs', nanoCpus(draft.cpus))
  setOrDelete(block, 'MemoryBytes', bytes(draft.memory))
  if (Object.keys(block).length === 0) delete resources[key]
  else resources[key] = block
}

// ---- draft -> spec ----------------------------------------------------------------------------

type Writer = (spec: JsonObject, draft: ServiceDraft, ctx: DraftContext) => void

const containerSpec = (spec: JsonObject): JsonObject => obj(obj(spec, 'TaskTemplate'), 'ContainerSpec')
const placement = (spec: JsonObject): JsonObject => obj(obj(spec, 'TaskTemplate'), 'Placement')

const writeMode: Writer = (spec, draft) => {
  spec.Mode = draft.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: draft.replicas } }
}

const WRITERS: Record<ServiceDraftKey, Writer> = {
  name: (spec, d) => {
    spec.Name = d.name.trim()
  },
  image: (spec, d) => {
    containerSpec(spec).Image = taggedFamiliarImage(d.image.trim())
  },
  mode: writeMode,
  replicas: writeMode,
  env: (spec, d) => setOrDelete(containerSpec(spec), 'Env', d.env.filter((e) => e.trim() !== '')),
  labels: (spec, d) => {
    // the stack's namespace label is not the form's to remove
    const kept: JsonObject = {}
    const live = spec.Labels
    if (isJsonObject(live) && typeof live['com.docker.stack.namespace'] === 'string') kept['com.docker.stack.namespace'] = live['com.docker.stack.namespace']
    for (const entry of d.labels) if (entry.trim() !== '') kept[splitKeyValue(entry)[0].trim()] = splitKeyValue(entry)[1]
    spec.Labels = kept
  },
  ports: (spec, d) => {
    const endpoint = obj(spec, 'EndpointSpec')
    setOrDelete(
      endpoint,
      'Ports',
      d.ports.map((p) => {
        const port: JsonObject = { Protocol: p.protocol, TargetPort: p.target, PublishMode: p.mode }
        if (p.published !== null) port.PublishedPort = p.published
        return port
      })
    )
  },
  networks: (spec, d, ctx) => {
    const idByName = new Map([...ctx.networkNameById].map(([id, name]) => [name, id]))
    setOrDelete(
      obj(spec, 'TaskTemplate'),
      'Networks',
      d.networks.map((n) => {
        const attachment: JsonObject = { Target: idByName.get(n.name.trim()) ?? n.name.trim() }
        const aliases = n.aliases.map((a) => a.trim()).filter(Boolean)
        if (aliases.length) attachment.Aliases = aliases
        return attachment
      })
    )
  },
  mounts: (spec, d) => setOrDelete(containerSpec(spec), 'Mounts', d.mounts.map(mountBody)),
  secrets: (spec, d, ctx) => setOrDelete(containerSpec(spec), 'Secrets', d.secrets.map((s) => fileRefBody(s, ctx.secretIdByName, 'Secret'))),
  configs: (spec, d, ctx) => setOrDelete(containerSpec(spec), 'Configs', d.configs.map((c) => fileRefBody(c, ctx.configIdByName, 'Config'))),
  constraints: (spec, d) => setOrDelete(placement(spec), 'Constraints', d.constraints.map((c) => c.trim()).filter(Boolean)),
  preferences: (spec, d) =>
    setOrDelete(
      placement(spec),
      'Preferences',
      d.preferences.map((p) => p.trim()).filter(Boolean).map((p) => ({ Spread: { SpreadDescriptor: p.replace(/^spread=/, '') } }))
    ),
  maxReplicasPerNode: (spec, d) => setOrDelete(placement(spec), 'MaxReplicas', d.maxReplicasPerNode > 0 ? d.maxReplicasPerNode : undefined),
  limits: (spec, d) => writeResources(obj(obj(spec, 'TaskTemplate'), 'Resources'), 'Limits', d.limits),
  reservations: (spec, d) => writeResources(obj(obj(spec, 'TaskTemplate'), 'Resources'), 'Reservations', d.reservations),
  restart: (spec, d) => {
    const policy: JsonObject = { Condition: d.restart.condition, MaxAttempts: d.restart.maxAttempts }
    const delay = durationNs(d.restart.delay)
    if (delay !== undefined) policy.Delay = delay
    const window = durationNs(d.restart.window)
    if (window !== undefined) policy.Window = window
    obj(spec, 'TaskTemplate').RestartPolicy = policy
  },
  update: (spec, d) => {
    spec.UpdateConfig = policyBody(d.update)
  },
  rollback: (spec, d) => {
    spec.RollbackConfig = policyBody(d.rollback)
  },
  healthcheck: (spec, d) => {
    const h = d.healthcheck
    const cs = containerSpec(spec)
    if (h.mode === 'image') {
      delete cs.Healthcheck
      return
    }
    if (h.mode === 'none') {
      cs.Healthcheck = { Test: ['NONE'] }
      return
    }
    const body: JsonObject = { Test: ['CMD-SHELL', h.command] }
    for (const [key, value] of [['Interval', h.interval], ['Timeout', h.timeout], ['StartPeriod', h.startPeriod]] as const) {
      const ns = durationNs(value)
      if (ns !== undefined) body[key] = ns
    }
    if (h.retries > 0) body.Retries = h.retries
    cs.Healthcheck = body
  }
}

/** Write the given fields of the draft into a copy of `spec`; every other field is kept as it is. */
export function writeDraftFields(spec: unknown, draft: ServiceDraft, keys: readonly ServiceDraftKey[], ctx: DraftContext): JsonObject {
  const copy = toJson(spec)
  const out: JsonObject = isJsonObject(copy) ? copy : {}
  for (const key of keys) WRITERS[key](out, draft, ctx)
  return out
}

/** The spec `docker service create` sends for the draft. */
export function draftToSpec(draft: ServiceDraft, ctx: DraftContext): JsonObject {
  const spec = writeDraftFields({ Labels: {}, TaskTemplate: { ContainerSpec: {}, Resources: {}, Placement: {}, ForceUpdate: 0 }, EndpointSpec: { Mode: 'vip' } }, draft, DRAFT_KEYS, ctx)
  return spec
}

// ---- spec -> draft ----------------------------------------------------------------------------

/** A live (or PreviousSpec) ServiceSpec as the form's draft. */
export function specToDraft(spec: unknown, ctx: DraftContext): ServiceDraft {
  const s = toJson(spec)
  const cs = get(s, 'TaskTemplate', 'ContainerSpec')
  const pl = get(s, 'TaskTemplate', 'Placement')
  const mode = get(s, 'Mode')
  const restart = get(s, 'TaskTemplate', 'RestartPolicy')
  const health = get(cs, 'Healthcheck')
  const test = asArray(get(health, 'Test')).filter((w): w is string => typeof w === 'string')
  const condition = asString(get(restart, 'Condition'))
  const labels = get(s, 'Labels')
  return {
    name: asString(get(s, 'Name')),
    image: asString(get(cs, 'Image')),
    mode: isJsonObject(mode) && 'Global' in mode ? 'global' : 'replicated',
    replicas: asNumber(get(mode, 'Replicated', 'Replicas'), isJsonObject(mode) && 'Global' in mode ? 0 : 1),
    env: asArray(get(cs, 'Env')).filter((e): e is string => typeof e === 'string'),
    labels: isJsonObject(labels) ? Object.entries(labels).filter(([k]) => k !== 'com.docker.stack.namespace').map(([k, v]) => `${k}=${asString(v)}`) : [],
    ports: asArray(get(s, 'EndpointSpec', 'Ports')).map((p) => {
      const protocol = asString(get(p, 'Protocol'))
      return {
        target: asNumber(get(p, 'TargetPort')),
        published: typeof get(p, 'PublishedPort') === 'number' && get(p, 'PublishedPort') !== 0 ? (get(p, 'PublishedPort') as number) : null,
        protocol: protocol === 'udp' || protocol === 'sctp' ? protocol : 'tcp',
        mode: get(p, 'PublishMode') === 'host' ? 'host' : 'ingress'
      }
    }),
    networks: asArray(get(s, 'TaskTemplate', 'Networks')).map((n) => {
      const target = asString(get(n, 'Target'))
      return { name: ctx.networkNameById.get(target) ?? target, aliases: asArray(get(n, 'Aliases')).filter((a): a is string => typeof a === 'string') }
    }),
    mounts: asArray(get(cs, 'Mounts')).map((m) => {
      const type = asString(get(m, 'Type'))
      return {
        type: type === 'bind' || type === 'tmpfs' ? type : 'volume',
        source: asString(get(m, 'Source')),
        target: asString(get(m, 'Target')),
        readOnly: get(m, 'ReadOnly') === true,
        tmpfsSize: bytesText(get(m, 'TmpfsOptions', 'SizeBytes'))
      }
    }),
    secrets: asArray(get(cs, 'Secrets')).map((r) => fileRefDraft(r, 'Secret')),
    configs: asArray(get(cs, 'Configs')).map((r) => fileRefDraft(r, 'Config')),
    constraints: asArray(get(pl, 'Constraints')).filter((c): c is string => typeof c === 'string'),
    preferences: asArray(get(pl, 'Preferences')).map((p) => asString(get(p, 'Spread', 'SpreadDescriptor'))),
    maxReplicasPerNode: asNumber(get(pl, 'MaxReplicas')),
    limits: resourcesDraft(get(s, 'TaskTemplate', 'Resources', 'Limits')),
    reservations: resourcesDraft(get(s, 'TaskTemplate', 'Resources', 'Reservations')),
    restart: {
      condition: condition === 'on-failure' || condition === 'none' ? condition : 'any',
      delay: durationText(get(restart, 'Delay')),
      maxAttempts: asNumber(get(restart, 'MaxAttempts')),
      window: durationText(get(restart, 'Window'))
    },
    update: policyDraft(get(s, 'UpdateConfig')),
    rollback: policyDraft(get(s, 'RollbackConfig')),
    healthcheck:
      test.length === 0
        ? emptyServiceDraft().healthcheck
        : test[0] === 'NONE'
          ? { ...emptyServiceDraft().healthcheck, mode: 'none' }
          : {
              mode: 'command',
              command: test[0] === 'CMD-SHELL' ? test.slice(1).join(' ') : test[0] === 'CMD' ? test.slice(1).join(' ') : test.join(' '),
              interval: durationText(get(health, 'Interval')),
              timeout: durationText(get(health, 'Timeout')),
              startPeriod: durationText(get(health, 'StartPeriod')),
              retries: asNumber(get(health, 'Retries'))
            }
  }
}

/** Spec parts the form does not edit (kept as they are by an update): shown so nobody is surprised. */
export function untouchedFields(spec: unknown): string[] {
  const s = toJson(spec)
  const out: string[] = []
  const cs = get(s, 'TaskTemplate', 'ContainerSpec')
  const modelled = new Set(['Image', 'Env', 'Mounts', 'Secrets', 'Configs', 'Healthcheck', 'Isolation', 'Privileges', 'StopGracePeriod', 'DNSConfig', 'Init'])
  if (isJsonObject(cs)) for (const [key, value] of Object.entries(cs)) if (!modelled.has(key) && !isEmptyJson(value)) out.push(`ContainerSpec.${key}`)
  for (const key of ['LogDriver', 'Runtime']) {
    const value = get(s, 'TaskTemplate', key)
    if (!isEmptyJson(value) && value !== 'container') out.push(`TaskTemplate.${key}`)
  }
  if (asArray(get(s, 'TaskTemplate', 'Placement', 'Platforms')).length) out.push('Placement.Platforms')
  return out
}

function isEmptyJson(value: Json | undefined): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 0) return true
  if (Array.isArray(value)) return value.length === 0
  if (isJsonObject(value)) return Object.values(value).every(isEmptyJson)
  return false
}

/** Draft fields whose value differs (the user's intended change when comparing the edited draft with its base). */
export function changedKeys(base: ServiceDraft, edited: ServiceDraft): ServiceDraftKey[] {
  return DRAFT_KEYS.filter((key) => JSON.stringify(base[key]) !== JSON.stringify(edited[key]))
}

export function draftValueEqual(a: ServiceDraft, b: ServiceDraft, key: ServiceDraftKey): boolean {
  return JSON.stringify(a[key]) === JSON.stringify(b[key])
}

/** List fields whose entries have an identity: an update merges the user's entry changes into the live list. */
const LIST_IDENTITY: Partial<Record<ServiceDraftKey, (entry: never) => string>> = {
  env: (e: string) => splitKeyValue(e)[0],
  labels: (e: string) => splitKeyValue(e)[0].trim(),
  constraints: (e: string) => e.replace(/\s+/g, ''),
  ports: (p: ServiceDraft['ports'][number]) => `${p.target}/${p.protocol}`,
  networks: (n: ServiceDraft['networks'][number]) => n.name.trim(),
  mounts: (m: ServiceMountDraft) => m.target.trim(),
  secrets: (r: ServiceFileRefDraft) => r.target.trim() || r.source.trim(),
  configs: (r: ServiceFileRefDraft) => r.target.trim() || r.source.trim()
}

/**
 * The user's change to one field (base -> edited) re-applied to the field as it is now. For a
 * list with identities (env, labels, ports, mounts...) only the entries the user added, changed
 * or removed are applied, so an entry someone else added meanwhile stays; `clashes` names the
 * entries (or the field) both changed differently. Pure.
 */
export function reapplyField(key: ServiceDraftKey, base: ServiceDraft, edited: ServiceDraft, current: ServiceDraft): { value: ServiceDraft[ServiceDraftKey]; clashes: string[] } {
  const identity = LIST_IDENTITY[key] as ((entry: unknown) => string) | undefined
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
  if (!identity) {
    const clash = !same(current[key], base[key]) && !same(current[key], edited[key])
    return { value: edited[key], clashes: clash ? [key] : [] }
  }
  const index = (list: readonly unknown[]) => new Map(list.map((entry) => [identity(entry), entry]))
  const before = index(base[key] as unknown[])
  const after = index(edited[key] as unknown[])
  const now = index(current[key] as unknown[])
  const clashes: string[] = []
  const result = new Map(now)
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const mine = after.get(id)
    if (same(before.get(id), mine)) continue
    const theirs = now.get(id)
    if (!same(theirs, before.get(id)) && !same(theirs, mine)) clashes.push(`${key} ${id}`)
    if (mine === undefined) result.delete(id)
    else result.set(id, mine)
  }
  return { value: [...result.values()] as ServiceDraft[ServiceDraftKey], clashes }
}
