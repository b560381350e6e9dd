import type { EventName, EventPayload, ProcedureInput, ProcedureName, ProcedureOutput } from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import { createDispatcher } from '../../src/main/rpc/dispatcher'
import { createServices, type ServiceDeps } from '../../src/main/composition'
import { createNodePlatform } from '../../src/main/platform/node-platform'
import { applyDeltas, modelFromSnapshot, type MirrorModel } from '../../src/shared/mirror-model'
import { tempDir } from './lab'

/**
 * The real main-process services in the test process, with a throwaway data dir, plus a model
 * kept up to date from the pushed events exactly like the renderer does.
 */
export function startServices(options: Partial<ServiceDeps> & { env?: Record<string, string | undefined> } = {}) {
  const dataDir = tempDir('sd-data-')
  const services = createServices({ platform: createNodePlatform(dataDir), env: options.env ?? {}, ...options })
  const models = new Map<string, MirrorModel>()
  const received: { name: EventName; payload: unknown; at: number }[] = []
  const gaps: string[] = []
  services.bus.subscribe((name, payload) => {
    received.push({ name, payload, at: Date.now() })
    if (name === 'mirror.reset') {
      const { clusterId, snapshot } = payload as EventPayload<'mirror.reset'>
      models.set(clusterId, modelFromSnapshot(snapshot))
    } else if (name === 'mirror.deltas') {
      const batch = payload as EventPayload<'mirror.deltas'>
      const model = models.get(batch.clusterId)
      if (model && batch.fromSeq === model.seq + 1) models.set(batch.clusterId, applyDeltas(model, batch.deltas, batch.toSeq))
      else if (model) gaps.push(`model at ${model.seq}, batch from ${batch.fromSeq}`)
    }
  })
  const dispatcher = createDispatcher(services.router, { validateOutput: true })
  /** Call a procedure through the real dispatcher (input and output validated); throws the AppError. */
  async function call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
    const response = await dispatcher.dispatch(name, input, { transport: 'direct' })
    if (!response.ok) throw AppError.fromData(response.error)
    return response.result as ProcedureOutput<N>
  }
  return { services, dataDir, models, received, gaps, call, model: (clusterId: string) => models.get(clusterId) }
}
