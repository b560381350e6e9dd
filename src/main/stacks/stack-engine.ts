// The Engine calls a stack deploy makes, typed, over dockerode's modem. Direct `dial` rather than
// dockerode's helpers: createService drops the response's Warnings, update helpers would put the
// whole options object in both the query string and the body, and the registry auth header must
// be exactly the one we encode (see the reference, interop checklist 10).
import type Dockerode from 'dockerode'
import { LABEL_NAMESPACE } from './compose-compiler'
import type { NetworkCreateBody, SecretSpecBody, ConfigSpecBody } from './engine-specs'
import type { JsonObject, LiveConfig, LiveNetwork, LiveSecret, LiveService, LiveTask } from './live-shapes'

/**
 * The body of POST /networks/create as the Go client sends it: CheckDuplicate is set for every
 * API before 1.44 (it became the daemon's fixed behaviour then, and is ignored).
 */
export function networkCreateRequest(body: NetworkCreateBody): NetworkCreateBody & { CheckDuplicate: boolean } {
  return { ...body, CheckDuplicate: true }
}

type Query = Record<string, string | number | boolean | Record<string, string[]>>

export interface DialRequest {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  query?: Query
  body?: unknown
  /** X-Registry-Auth, already encoded */
  registryAuth?: string | null
  statusCodes?: Record<number, boolean | string>
}

const DEFAULT_CODES: Record<number, boolean | string> = {
  200: true,
  201: true,
  204: true,
  304: true,
  400: 'bad parameter',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  406: 'node is not part of a swarm',
  409: 'conflict',
  500: 'server error',
  501: 'not implemented',
  503: 'node is not part of a swarm'
}

export function dial<T>(docker: Dockerode, request: DialRequest): Promise<T> {
  const options: { _query?: Query; _body?: unknown } = {}
  if (request.query) options._query = request.query
  if (request.body !== undefined) options._body = request.body
  const hasOptions = request.query !== undefined || request.body !== undefined
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      {
        // docker-modem only appends a query string to paths that contain '?'
        path: request.query ? `${request.path}?` : request.path,
        method: request.method,
        options: hasOptions ? options : undefined,
        authconfig: request.registryAuth ? { base64: request.registryAuth } : undefined,
        statusCodes: request.statusCodes ?? DEFAULT_CODES,
        allowEmpty: request.method === 'POST'
      },
      (error: unknown, data: unknown) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)))
        else resolve(data as T)
      }
    )
  })
}

const stackFilter = (stack: string) => ({ label: [`${LABEL_NAMESPACE}=${stack}`] })
const enc = encodeURIComponent

/** Thin typed wrapper: one method per Engine call the stack modules make. */
export class StackEngine {
  constructor(readonly docker: Dockerode) {}

  listServices(filters?: Record<string, string[]>, status = false): Promise<LiveService[]> {
    const query: Query = {}
    if (filters) query.filters = filters
    if (status) query.status = true
    return dial<LiveService[]>(this.docker, { method: 'GET', path: '/services', query })
  }

  stackServices(stack: string, status = false): Promise<LiveService[]> {
    return this.listServices(stackFilter(stack), status)
  }

  inspectService(id: string): Promise<LiveService> {
    return dial<LiveService>(this.docker, { method: 'GET', path: `/services/${enc(id)}` })
  }

  listNetworks(filters?: Record<string, string[]>): Promise<LiveNetwork[]> {
    return dial<LiveNetwork[]>(this.docker, { method: 'GET', path: '/networks', query: filters ? { filters } : {} })
  }

  listSecrets(filters?: Record<string, string[]>): Promise<LiveSecret[]> {
    return dial<LiveSecret[]>(this.docker, { method: 'GET', path: '/secrets', query: filters ? { filters } : {} })
  }

  listConfigs(filters?: Record<string, string[]>): Promise<LiveConfig[]> {
    return dial<LiveConfig[]>(this.docker, { method: 'GET', path: '/configs', query: filters ? { filters } : {} })
  }

  listTasks(filters: Record<string, string[]>): Promise<LiveTask[]> {
    return dial<LiveTask[]>(this.docker, { method: 'GET', path: '/tasks', query: { filters } })
  }

  inspectSecret(id: string): Promise<LiveSecret> {
    return dial<LiveSecret>(this.docker, { method: 'GET', path: `/secrets/${enc(id)}` })
  }

  inspectConfig(id: string): Promise<LiveConfig> {
    return dial<LiveConfig>(this.docker, { method: 'GET', path: `/configs/${enc(id)}` })
  }

  createNetwork(body: NetworkCreateBody): Promise<{ Id: string; Warning?: string }> {
    return dial(this.docker, { method: 'POST', path: '/networks/create', body: networkCreateRequest(body) })
  }

  createSecret(body: SecretSpecBody): Promise<{ ID: string }> {
    return dial(this.docker, { method: 'POST', path: '/secrets/create', body })
  }

  updateSecret(id: string, version: number, body: SecretSpecBody): Promise<void> {
    return dial(this.docker, { method: 'POST', path: `/secrets/${enc(id)}/update`, query: { version }, body })
  }

  createConfig(body: ConfigSpecBody): Promise<{ ID: string }> {
    return dial(this.docker, { method: 'POST', path: '/configs/create', body })
  }

  updateConfig(id: string, version: number, body: ConfigSpecBody): Promise<void> {
    return dial(this.docker, { method: 'POST', path: `/configs/${enc(id)}/update`, query: { version }, body })
  }

  createService(body: JsonObject, registryAuth: string | null): Promise<{ ID: string; Warnings?: string[] | null }> {
    return dial(this.docker, { method: 'POST', path: '/services/create', body, registryAuth })
  }

  updateService(id: string, version: number, body: JsonObject, registryAuth: string | null): Promise<{ Warnings?: string[] | null }> {
    return dial(this.docker, { method: 'POST', path: `/services/${enc(id)}/update`, query: { version }, body, registryAuth })
  }

  removeService(id: string): Promise<void> {
    return dial(this.docker, { method: 'DELETE', path: `/services/${enc(id)}` })
  }

  removeSecret(id: string): Promise<void> {
    return dial(this.docker, { method: 'DELETE', path: `/secrets/${enc(id)}` })
  }

  removeConfig(id: string): Promise<void> {
    return dial(this.docker, { method: 'DELETE', path: `/configs/${enc(id)}` })
  }

  removeNetwork(id: string): Promise<void> {
    return dial(this.docker, { method: 'DELETE', path: `/networks/${enc(id)}` })
  }

  /** GET /distribution/{name}/json: the registry's digest and platforms, through the manager. */
  distribution(image: string, registryAuth: string | null): Promise<{ Descriptor?: { digest?: string }; Platforms?: { architecture?: string; os?: string }[] | null }> {
    // The name is a path: slashes and the tag's colon stay as they are (like the Go client).
    return dial(this.docker, { method: 'GET', path: `/distribution/${image}/json`, registryAuth })
  }
}
