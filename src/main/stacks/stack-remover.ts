// `docker stack rm` (cli/command/stack/remove.go): everything carrying the stack's label, in the
// CLI's order: services (by name), secrets, configs, networks. Each failure is reported and the
// rest is still attempted. Volumes are never removed (each node's daemon made its own), and
// objects without the label (external ones) are not touched. Beyond the CLI: a network still in
// use by the tasks of a just-removed service is retried for a while instead of failing at once.
import type { RemoveResult } from '../../shared/stacks'
import { toAppError } from '../docker/engine-errors'
import { LABEL_NAMESPACE } from './compose-compiler'
import { isJsonObject, type Json, type LiveService } from './live-shapes'
import { shellQuote } from './stack-planner'
import type { StackEngine } from '../docker/stack-engine'

const byName = <T>(name: (x: T) => string) => (a: T, b: T) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)

/** Named volumes mounted by the services: kept by the removal, worth telling the user about. */
export function volumesOf(services: LiveService[]): string[] {
  const names = new Set<string>()
  for (const service of services) {
    const tt = service.Spec.TaskTemplate
    const cs: Json | undefined = isJsonObject(tt) ? tt.ContainerSpec : undefined
    const mounts: Json | undefined = isJsonObject(cs) ? cs.Mounts : undefined
    if (!Array.isArray(mounts)) continue
    for (const m of mounts) {
      if (!isJsonObject(m)) continue
      const type = typeof m.Type === 'string' ? m.Type : 'volume'
      if (type === 'volume' && typeof m.Source === 'string' && m.Source !== '') names.add(m.Source)
    }
  }
  return [...names].sort()
}

export async function removeStack(engine: StackEngine, stack: string, options: { networkRetryMs?: number } = {}): Promise<RemoveResult> {
  const filter = { label: [`${LABEL_NAMESPACE}=${stack}`] }
  const [services, networks, secrets, configs] = await Promise.all([engine.listServices(filter), engine.listNetworks(filter), engine.listSecrets(filter), engine.listConfigs(filter)])
  const cli = `docker stack rm ${shellQuote(stack)}`
  if (services.length + networks.length + secrets.length + configs.length === 0) {
    return { stack, found: false, ok: true, removed: [], keptVolumes: [], notes: [`Nothing found in stack: ${stack}`], cli }
  }
  const removed: RemoveResult['removed'] = []
  const attempt = async (kind: RemoveResult['removed'][number]['kind'], name: string, id: string, remove: () => Promise<void>) => {
    try {
      await remove()
      removed.push({ kind, name, id, ok: true, error: null })
    } catch (error) {
      const appError = toAppError(error)
      // Gone already (a concurrent rm, or the manager's local copy of a network that swarm just
      // deleted, which the list still shows for a moment): what was asked is done.
      if (appError.code === 'NOT_FOUND') removed.push({ kind, name, id, ok: true, error: null })
      else removed.push({ kind, name, id, ok: false, error: appError.message })
    }
  }
  for (const s of [...services].sort(byName((x) => String(x.Spec.Name)))) await attempt('service', String(s.Spec.Name), s.ID, () => engine.removeService(s.ID))
  for (const s of [...secrets].sort(byName((x) => x.Spec.Name))) await attempt('secret', s.Spec.Name, s.ID, () => engine.removeSecret(s.ID))
  for (const c of [...configs].sort(byName((x) => x.Spec.Name))) await attempt('config', c.Spec.Name, c.ID, () => engine.removeConfig(c.ID))
  const retryUntil = Date.now() + (options.networkRetryMs ?? 30_000)
  for (const n of [...networks].sort(byName((x) => x.Name))) {
    await attempt('network', n.Name, n.Id, async () => {
      for (;;) {
        try {
          return await engine.removeNetwork(n.Id)
        } catch (error) {
          const message = toAppError(error).message
          // The tasks of the removed services release the network a moment later.
          if (!/in use|active endpoints/i.test(message) || Date.now() > retryUntil) throw error
          await new Promise((r) => setTimeout(r, 500))
        }
      }
    })
  }
  const keptVolumes = volumesOf(services)
  const notes = keptVolumes.length
    ? [`volumes are kept: ${keptVolumes.join(', ')} (remove them on each node with docker volume rm once no task uses them)`]
    : ['volumes are never removed with a stack; this stack mounted no named volume']
  const failed = removed.filter((r) => !r.ok)
  if (failed.length) notes.unshift(`failed to remove some resources from stack: ${stack}`)
  return { stack, found: true, ok: failed.length === 0, removed, keptVolumes, notes, cli }
}
