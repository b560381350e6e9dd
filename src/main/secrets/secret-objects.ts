// Stored secrets and configs: the list with consumers (from the mirror), a config's content,
// create and remove; and what the rotations share with them (finding an object by ID, name or
// prefix, reading a value and wiping it after use).
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { storedObjectRows } from './stored-object-rows'
import type { ConfigContent, StoredKind, StoredObject, ValueSource } from '../../shared/secrets'
import { StackEngine } from '../docker/stack-engine'
import { toAppError } from '../docker/engine-errors'
import { createCli, removeCli } from './rotation-planner'
import { readValue, valueProblem, type ValueHmac } from './secret-values'
import { countReferences } from './spec-references'
import { aNoun, anotherNoun } from './kind-words'

export interface EngineObject {
  ID: string
  Version: { Index: number }
  CreatedAt?: string
  UpdatedAt?: string
  Spec: { Name: string; Labels?: Record<string, string> | null; Data?: string; Driver?: { Name?: string } | null; Templating?: { Name?: string } | null }
}

export async function listObjects(engine: StackEngine, kind: StoredKind): Promise<EngineObject[]> {
  return (kind === 'secret' ? await engine.listSecrets() : await engine.listConfigs()) as EngineObject[]
}

/** By ID, by name, or by a unique ID prefix (like the docker CLI). */
export function resolve(objects: EngineObject[], kind: StoredKind, ref: string): EngineObject {
  const found = objects.find((o) => o.ID === ref) ?? objects.find((o) => o.Spec.Name === ref)
  if (found) return found
  const prefixed = objects.filter((o) => o.ID.startsWith(ref))
  if (prefixed.length === 1) return prefixed[0]
  throw kind === 'secret' ? refusal('NOT_FOUND', phrase('secrets.said.service.noSuchSecret', { ref })) : refusal('NOT_FOUND', phrase('secrets.said.service.noSuchConfig', { ref }))
}

export async function withValue<T>(source: ValueSource | undefined, kind: StoredKind, use: (value: Buffer | null) => Promise<T>): Promise<T> {
  const value = source ? await readValue(source, kind) : null
  try {
    return await use(value)
  } finally {
    value?.fill(0)
  }
}

export function createStoredObjects(registry: ClusterRegistry, hmac: ValueHmac) {
  const engineOf = (clusterId: string) => new StackEngine(registry.get(clusterId).engine)

  return {
    async list(clusterId: string, kind: StoredKind): Promise<StoredObject[]> {
      const snapshot = registry.get(clusterId).currentSnapshot()
      return storedObjectRows(kind, kind === 'secret' ? snapshot.secrets : snapshot.configs, snapshot.services, (labels, id) => hmac.canCheck(labels, id))
    },

    async configContent(clusterId: string, configId: string): Promise<ConfigContent> {
      const engine = engineOf(clusterId)
      const config = resolve((await engine.listConfigs()) as EngineObject[], 'config', configId)
      const data = Buffer.from((await engine.inspectConfig(config.ID)).Spec.Data ?? '', 'base64')
      let text: string | null = null
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(data)
        if (text.includes('\u0000')) text = null
      } catch {
        text = null
      }
      return { id: config.ID, name: config.Spec.Name, sizeBytes: data.length, isText: text !== null, text }
    },

    async create(input: { clusterId: string; kind: StoredKind; name: string; labels: Record<string, string>; value: ValueSource }): Promise<{ id: string; name: string; cli: string }> {
      const engine = engineOf(input.clusterId)
      return withValue(input.value, input.kind, async (value) => {
        const bytes = value as Buffer
        const problem = valueProblem(bytes, input.kind)
        if (problem) throw problem
        if ((await listObjects(engine, input.kind)).some((o) => o.Spec.Name === input.name)) {
          throw refusal('NAME_CLASH', phrase('secrets.said.plan.nameClash', { aNoun: aNoun(input.kind), name: input.name }))
        }
        const labels = { ...input.labels, ...(input.kind === 'secret' ? await hmac.labelsFor(bytes) : {}) }
        const body = { Name: input.name, Labels: labels, Data: bytes.toString('base64') }
        try {
          const created = input.kind === 'secret' ? await engine.createSecret(body) : await engine.createConfig(body)
          return { id: created.ID, name: input.name, cli: createCli(input.kind, input.name, input.labels) }
        } catch (error) {
          const appError = toAppError(error)
          if (appError.code === 'CONFLICT') throw refusal('NAME_CLASH', phrase('secrets.said.plan.nameClash', { aNoun: aNoun(input.kind), name: input.name }))
          throw appError
        }
      })
    },

    async remove(clusterId: string, kind: StoredKind, objectId: string): Promise<{ removed: boolean; name: string; cli: string }> {
      const engine = engineOf(clusterId)
      const [objects, services] = await Promise.all([listObjects(engine, kind), engine.listServices()])
      const object = resolve(objects, kind, objectId)
      const users = services.filter((s) => countReferences(s.Spec, kind, object.ID) > 0).map((s) => String(s.Spec.Name ?? s.ID)).sort()
      if (users.length) throw refusal('IN_USE', phrase('secrets.said.service.inUse', { name: object.Spec.Name, services: users.join(', '), anotherNoun: anotherNoun(kind) }))
      await (kind === 'secret' ? engine.removeSecret(object.ID) : engine.removeConfig(object.ID))
      return { removed: true, name: object.Spec.Name, cli: removeCli(kind, object.Spec.Name) }
    },
  }
}
