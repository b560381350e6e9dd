// Reading stacks from the engine (the `docker stack ls` view is stack-list.ts): the live state a
// plan compares against, the content of secrets and configs, and registry digests. Read-only:
// nothing here changes the cluster (the secret probe below is refused by design, see there).
import { phrase } from '../../shared/phrase'
import { sayingError } from '../i18n/words'
import { toAppError } from '../docker/engine-errors'
import { isOutOfSequence } from '../docker/versioned-update'
import type { CompiledStack } from './compose-compiler'
import type { LiveState } from '../docker/live-shapes'
import { contentKey, platformsFromDistribution, type ContentCheck, type ImageResolution } from './stack-planner'
import type { StackEngine } from '../docker/stack-engine'

/** All services, networks, secrets and configs: a handful of list calls whatever the stack. */
export async function readLiveState(engine: StackEngine): Promise<LiveState> {
  const [services, networks, secrets, configs] = await Promise.all([engine.listServices(), engine.listNetworks(), engine.listSecrets(), engine.listConfigs()])
  return { services, networks, secrets, configs }
}

export type DataReader = (path: string) => Promise<string>

/**
 * Has the content of each secret and config file changed against the object of that name?
 * Configs: the engine returns their Data, compare. Secrets: it never returns Data, so ask
 * swarmkit itself with an update it must refuse. UpdateSecret (manager/controlapi/secret.go)
 * compares Name and Data *before* the store checks the version: with version 0 (no object ever
 * has it) a different content answers "only updates to Labels are allowed" and the same content
 * "update out of sequence". Nothing is written either way. The file data stays in this function.
 */
export async function checkContents(engine: StackEngine, compiled: CompiledStack, live: LiveState, readData: DataReader): Promise<Map<string, ContentCheck>> {
  const out = new Map<string, ContentCheck>()
  const read = async (path: string): Promise<{ data: string } | { error: string }> => {
    try {
      return { data: await readData(path) }
    } catch (error) {
      return { error: (error as Error).message }
    }
  }
  const secretsByName = new Map(live.secrets.map((s) => [s.Spec.Name, s]))
  const configsByName = new Map(live.configs.map((c) => [c.Spec.Name, c]))
  await Promise.all(
    compiled.secrets.map(async (secret) => {
      const existing = secretsByName.get(secret.name)
      if (secret.dataSource.kind === 'driver') return out.set(contentKey('secret', secret.name), { state: existing ? 'driver' : 'new', detail: null })
      const file = await read(secret.dataSource.path)
      if ('error' in file) return out.set(contentKey('secret', secret.name), { state: 'unreadable', detail: file.error })
      if (!existing) return out.set(contentKey('secret', secret.name), { state: 'new', detail: null })
      try {
        await engine.updateSecret(existing.ID, 0, { Name: existing.Spec.Name, Labels: existing.Spec.Labels ?? {}, Data: file.data })
        // Unreachable in practice (no object has version 0); had it passed, it rewrote the same labels.
        out.set(contentKey('secret', secret.name), { state: 'same', detail: null })
      } catch (error) {
        const message = toAppError(error).message
        if (isOutOfSequence(error)) out.set(contentKey('secret', secret.name), { state: 'same', detail: null })
        else if (/only updates to Labels are allowed/i.test(message)) out.set(contentKey('secret', secret.name), { state: 'changed', detail: null })
        else out.set(contentKey('secret', secret.name), { state: 'unknown', detail: message })
      }
    })
  )
  await Promise.all(
    compiled.configs.map(async (config) => {
      const existing = configsByName.get(config.name)
      const file = await read(config.dataSource.path)
      if ('error' in file) return out.set(contentKey('config', config.name), { state: 'unreadable', detail: file.error })
      if (!existing) return out.set(contentKey('config', config.name), { state: 'new', detail: null })
      let data = existing.Spec.Data
      if (data === undefined) data = (await engine.inspectConfig(existing.ID)).Spec.Data
      out.set(contentKey('config', config.name), { state: (data ?? '') === file.data ? 'same' : 'changed', detail: null })
    })
  )
  return out
}

const RESOLVE_TIMEOUT_MS = 30_000

class RegistryTimeout extends Error {
  readonly said = phrase('stacks.said.registry.timeout', { seconds: RESOLVE_TIMEOUT_MS / 1000 })
  constructor() {
    super()
    sayingError(this, this.said)
  }
}

/** `GET /distribution/{image}/json` for each image (the manager asks the registry). */
export async function resolveImages(engine: StackEngine, images: string[], authFor: (image: string) => Promise<string | null>): Promise<Map<string, ImageResolution>> {
  const out = new Map<string, ImageResolution>()
  await Promise.all(
    images.map(async (image) => {
      let timer: NodeJS.Timeout | undefined
      try {
        const auth = await authFor(image)
        const answer = await Promise.race([
          engine.distribution(image, auth),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new RegistryTimeout()), RESOLVE_TIMEOUT_MS)
          })
        ])
        const digest = answer.Descriptor?.digest
        out.set(image, digest ? { ok: true, digest, platforms: platformsFromDistribution(answer.Platforms) } : { ok: false, error: phrase('stacks.said.registry.noDigest') })
      } catch (error) {
        out.set(image, { ok: false, error: error instanceof RegistryTimeout ? error.said : toAppError(error).message })
      } finally {
        if (timer) clearTimeout(timer)
      }
    })
  )
  return out
}
