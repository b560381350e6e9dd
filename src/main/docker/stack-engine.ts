// The Engine calls of stacks, services and secrets, typed with the shapes the stack planner reads,
// as raw requests through the gateway (engine-dial.ts says why raw).
import type { NetworkCreateBody, SecretSpecBody, ConfigSpecBody } from '../stacks/engine-specs'
import type { JsonObject, LiveConfig, LiveNetwork, LiveSecret, LiveService, LiveTask } from '../stacks/live-shapes'
import type { CallOptions } from './call-deadline'
import type { EngineGateway } from './engine-gateway'
import type { Query } from './engine-dial'

/** The label `docker stack deploy` puts on every object of a stack (LABEL_NAMESPACE of the compiler). */
const STACK_NAMESPACE = 'com.docker.stack.namespace'

/**
 * The body of POST /networks/create as the Go client sends it: CheckDuplicate is set for every
 * API before 1.44 (it became the daemon's fixed behaviour then, and is ignored).
 */
export function networkCreateRequest(body: NetworkCreateBody): NetworkCreateBody & { CheckDuplicate: boolean } {
  return { ...body, CheckDuplicate: true }
}

const stackFilter = (stack: string) => ({ label: [`${STACK_NAMESPACE}=${stack}`] })
const enc = encodeURIComponent

/** A thin typed view over the gateway: one method per Engine call the stack, service and secret modules make. */
export class StackEngine {
  constructor(readonly gateway: EngineGateway) {}

  listServices(filters?: Record<string, string[]>, status = false, options?: CallOptions): Promise<LiveService[]> {
    const query: Query = {}
    if (filters) query.filters = filters
    if (status) query.status = true
    return this.gateway.request<LiveService[]>('listServices', { method: 'GET', path: '/services', query }, options)
  }

  stackServices(stack: string, status = false, options?: CallOptions): Promise<LiveService[]> {
    return this.listServices(stackFilter(stack), status, options)
  }

  inspectService(id: string, options?: CallOptions): Promise<LiveService> {
    return this.gateway.request<LiveService>('inspectService', { method: 'GET', path: `/services/${enc(id)}` }, options)
  }

  listNetworks(filters?: Record<string, string[]>, options?: CallOptions): Promise<LiveNetwork[]> {
    return this.gateway.request<LiveNetwork[]>('listNetworks', { method: 'GET', path: '/networks', query: filters ? { filters } : {} }, options)
  }

  listSecrets(filters?: Record<string, string[]>, options?: CallOptions): Promise<LiveSecret[]> {
    return this.gateway.request<LiveSecret[]>('listSecrets', { method: 'GET', path: '/secrets', query: filters ? { filters } : {} }, options)
  }

  listConfigs(filters?: Record<string, string[]>, options?: CallOptions): Promise<LiveConfig[]> {
    return this.gateway.request<LiveConfig[]>('listConfigs', { method: 'GET', path: '/configs', query: filters ? { filters } : {} }, options)
  }

  listTasks(filters: Record<string, string[]>, options?: CallOptions): Promise<LiveTask[]> {
    return this.gateway.request<LiveTask[]>('listTasks', { method: 'GET', path: '/tasks', query: { filters } }, options)
  }

  inspectSecret(id: string, options?: CallOptions): Promise<LiveSecret> {
    return this.gateway.request<LiveSecret>('inspectSecret', { method: 'GET', path: `/secrets/${enc(id)}` }, options)
  }

  inspectConfig(id: string, options?: CallOptions): Promise<LiveConfig> {
    return this.gateway.request<LiveConfig>('inspectConfig', { method: 'GET', path: `/configs/${enc(id)}` }, options)
  }

  createNetwork(body: NetworkCreateBody, options?: CallOptions): Promise<{ Id: string; Warning?: string }> {
    return this.gateway.request<{ Id: string; Warning?: string }>('createNetwork', { method: 'POST', path: '/networks/create', body: networkCreateRequest(body) }, options)
  }

  createSecret(body: SecretSpecBody, options?: CallOptions): Promise<{ ID: string }> {
    return this.gateway.request<{ ID: string }>('createSecret', { method: 'POST', path: '/secrets/create', body }, options)
  }

  updateSecret(id: string, version: number, body: SecretSpecBody, options?: CallOptions): Promise<void> {
    return this.gateway.request<void>('updateSecret', { method: 'POST', path: `/secrets/${enc(id)}/update`, query: { version }, body }, options)
  }

  createConfig(body: ConfigSpecBody, options?: CallOptions): Promise<{ ID: string }> {
    return this.gateway.request<{ ID: string }>('createConfig', { method: 'POST', path: '/configs/create', body }, options)
  }

  updateConfig(id: string, version: number, body: ConfigSpecBody, options?: CallOptions): Promise<void> {
    return this.gateway.request<void>('updateConfig', { method: 'POST', path: `/configs/${enc(id)}/update`, query: { version }, body }, options)
  }

  createService(body: JsonObject, registryAuth: string | null, options?: CallOptions): Promise<{ ID: string; Warnings?: string[] | null }> {
    return this.gateway.request<{ ID: string; Warnings?: string[] | null }>('createService', { method: 'POST', path: '/services/create', body, registryAuth }, options)
  }

  /** `query`: more of the update's parameters (`rollback=previous`), after the version. */
  updateService(id: string, version: number, body: JsonObject, registryAuth: string | null, query: Record<string, string> = {}, options?: CallOptions): Promise<{ Warnings?: string[] | null }> {
    return this.gateway.request<{ Warnings?: string[] | null }>('updateService', { method: 'POST', path: `/services/${enc(id)}/update`, query: { version, ...query }, body, registryAuth }, options)
  }

  removeService(id: string, options?: CallOptions): Promise<void> {
    return this.gateway.request<void>('removeService', { method: 'DELETE', path: `/services/${enc(id)}` }, options)
  }

  removeSecret(id: string, options?: CallOptions): Promise<void> {
    return this.gateway.request<void>('removeSecret', { method: 'DELETE', path: `/secrets/${enc(id)}` }, options)
  }

  removeConfig(id: string, options?: CallOptions): Promise<void> {
    return this.gateway.request<void>('removeConfig', { method: 'DELETE', path: `/configs/${enc(id)}` }, options)
  }

  removeNetwork(id: string, options?: CallOptions): Promise<void> {
    return this.gateway.request<void>('removeNetwork', { method: 'DELETE', path: `/networks/${enc(id)}` }, options)
  }

  /** GET /distribution/{name}/json: the registry's digest and platforms, through the manager. */
  distribution(image: string, registryAuth: string | null, options?: CallOptions): Promise<{ Descriptor?: { digest?: string }; Platforms?: { architecture?: string; os?: string }[] | null }> {
    // The name is a path: slashes and the tag's colon stay as they are (like the Go client).
    return this.gateway.request<{ Descriptor?: { digest?: string }; Platforms?: { architecture?: string; os?: string }[] | null }>('distribution', { method: 'GET', path: `/distribution/${image}/json`, registryAuth }, options)
  }
}
