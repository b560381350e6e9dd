import type { ConnectionProfile, Endpoint, ProfileDraft } from '../../../../shared/connections'

/**
 * The connection form as the user edits it: every field of every endpoint kind is kept as text,
 * so switching an endpoint between kinds loses nothing. Pure conversions to and from the
 * contract's ProfileDraft, and the mapping of server validation issues back onto fields.
 */
export type EndpointKind = Endpoint['kind']
export const endpointKinds: readonly EndpointKind[] = ['socket', 'docker-host', 'context', 'ssh']

export const DEFAULT_SOCKET = '/var/run/docker.sock'

export interface EndpointFormValues {
  /** Stable React key; never sent. */
  key: string
  kind: EndpointKind
  socketPath: string
  dockerHost: string
  contextName: string
  host: string
  port: string
  user: string
  identityFile: string
  useAgent: boolean
  remoteSocket: string
  /** Typed by the user; only sent on save, never read back. */
  passphrase: string
  /** A passphrase is already stored for this endpoint's key (from the saved profile). */
  hasPassphrase: boolean
}

export interface ConnectionFormValues {
  id: string | null
  name: string
  endpoints: EndpointFormValues[]
}

export function blankEndpoint(key: string, kind: EndpointKind = 'socket'): EndpointFormValues {
  return {
    key,
    kind,
    socketPath: DEFAULT_SOCKET,
    dockerHost: '',
    contextName: '',
    host: '',
    port: '',
    user: '',
    identityFile: '',
    useAgent: true,
    remoteSocket: DEFAULT_SOCKET,
    passphrase: '',
    hasPassphrase: false
  }
}

export function endpointValuesFrom(endpoint: Endpoint, key: string): EndpointFormValues {
  const base = blankEndpoint(key, endpoint.kind)
  switch (endpoint.kind) {
    case 'socket':
      return { ...base, socketPath: endpoint.socketPath }
    case 'docker-host':
      return { ...base, dockerHost: endpoint.dockerHost }
    case 'context':
      return { ...base, contextName: endpoint.contextName }
    case 'ssh':
      return {
        ...base,
        host: endpoint.host,
        port: endpoint.port === undefined ? '' : String(endpoint.port),
        user: endpoint.user ?? '',
        identityFile: endpoint.identityFile ?? '',
        useAgent: endpoint.useAgent,
        remoteSocket: endpoint.remoteSocket,
        hasPassphrase: endpoint.hasPassphrase
      }
  }
}

export function formValuesFrom(profile: ConnectionProfile, makeKey: () => string): ConnectionFormValues {
  return { id: profile.id, name: profile.name, endpoints: profile.endpoints.map((e) => endpointValuesFrom(e, makeKey())) }
}

const optionalText = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim())

/** Empty port = the SSH default (22 or ~/.ssh/config); anything else goes to the server to judge. */
function parsePort(value: string): number | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

export function endpointFrom(values: EndpointFormValues): Endpoint {
  switch (values.kind) {
    case 'socket':
      return { kind: 'socket', socketPath: values.socketPath.trim() }
    case 'docker-host':
      return { kind: 'docker-host', dockerHost: values.dockerHost.trim() }
    case 'context':
      return { kind: 'context', contextName: values.contextName.trim() }
    case 'ssh':
      return {
        kind: 'ssh',
        host: values.host.trim(),
        port: parsePort(values.port),
        user: optionalText(values.user),
        identityFile: optionalText(values.identityFile),
        useAgent: values.useAgent,
        remoteSocket: values.remoteSocket.trim() === '' ? DEFAULT_SOCKET : values.remoteSocket.trim(),
        hasPassphrase: values.hasPassphrase
      }
  }
}

/** What `connections.save` receives. Passphrases travel only when typed, keyed by endpoint index. */
export function draftFrom(values: ConnectionFormValues): ProfileDraft {
  const passphrases: Record<string, string> = {}
  values.endpoints.forEach((endpoint, index) => {
    if (endpoint.kind === 'ssh' && endpoint.passphrase !== '') passphrases[String(index)] = endpoint.passphrase
  })
  return {
    ...(values.id ? { id: values.id } : {}),
    name: values.name.trim(),
    endpoints: values.endpoints.map(endpointFrom),
    ...(Object.keys(passphrases).length > 0 ? { passphrases } : {})
  }
}

const fieldsByKind: Record<EndpointKind, readonly (keyof EndpointFormValues)[]> = {
  socket: ['socketPath'],
  'docker-host': ['dockerHost'],
  context: ['contextName'],
  ssh: ['host', 'port', 'user', 'identityFile', 'useAgent', 'remoteSocket', 'passphrase']
}

export interface Issue {
  path: string
  message: string
}

/**
 * Server issues (paths like `endpoints.0.port`, `passphrases.1`) placed on the fields the user can
 * see; issues about anything else (`endpoints` itself) are returned for a summary.
 */
export function placeIssues(issues: readonly Issue[], values: ConnectionFormValues): { byField: Record<string, string>; other: Issue[] } {
  const known = new Set<string>(['name'])
  values.endpoints.forEach((endpoint, index) => {
    for (const field of fieldsByKind[endpoint.kind]) known.add(`endpoints.${index}.${field}`)
  })
  const byField: Record<string, string> = {}
  const other: Issue[] = []
  for (const issue of issues) {
    const path = issue.path.replace(/^passphrases\.(\d+)$/, 'endpoints.$1.passphrase')
    if (known.has(path)) byField[path] = byField[path] ? `${byField[path]}; ${issue.message}` : issue.message
    else other.push(issue)
  }
  return { byField, other }
}

export function fieldPath(index: number, field: keyof EndpointFormValues): string {
  return `endpoints.${index}.${field}`
}

