// Day-2 service operations on the engine: plan (validate, diff, CLI line, placement) before any
// write, then create / update / scale / rollback / force / remove. Every update carries the
// version index through updateWithRetry: re-read, re-apply only the user's change, and refuse
// (CONFLICT) when someone else changed the same field in between. The pure parts are
// service-draft, service-validate and service-cli.
import type { AppError } from '../../shared/errors'
import { phrase } from '../../shared/phrase'
import type { Snapshot } from '../../shared/domain'
import type { PlacementDraft } from '../../shared/placement'
import {
  serviceForceUpdateCli,
  serviceRemoveCli,
  serviceRollbackCli,
  serviceScaleCli,
  type DraftIssue,
  type ServiceActionResult,
  type ServiceDraft,
  type ServiceDraftKey,
  type ServiceEdit,
  type ServicePlan
} from '../../shared/services'
import type { FieldChange } from '../../shared/stacks'
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { toAppError } from '../docker/engine-errors'
import { updateWithRetry } from '../docker/versioned-update'
import { planFromSnapshot } from '../placement/placement-service'
import { StackEngine } from '../docker/stack-engine'
import { compareServiceSpecs, modeKindOf } from '../stacks/spec-compare'
import { isJsonObject, type JsonObject, type LiveService } from '../docker/live-shapes'
import { parseCPUs, parseRAMInBytes } from '../stacks/go-parse'
import { changedKeys, draftToSpec, draftValueEqual, reapplyField, specToDraft, untouchedFields, writeDraftFields, type DraftContext } from './service-draft'
import { createCli, updateCli } from './service-cli'
import { validateDraft, type ValidationContext } from './service-validate'
import { draftIssuePhrase, modePhrase } from '../../shared/service-issue-phrases'
import { refusal, withWords } from '../i18n/words'
import { issuePhrase, joinedPhrases } from '../../shared/phrase-list'

interface LiveServiceWithPrevious extends LiveService {
  PreviousSpec?: JsonObject | null
}

export function draftContextOf(snapshot: Snapshot): DraftContext {
  return {
    networkNameById: new Map(snapshot.networks.map((n) => [n.id, n.name])),
    secretIdByName: new Map(snapshot.secrets.map((s) => [s.name, s.id])),
    configIdByName: new Map(snapshot.configs.map((c) => [c.name, c.id]))
  }
}

export function validationContextOf(snapshot: Snapshot, selfId: string | null): ValidationContext {
  return {
    services: snapshot.services.map((s) => ({ id: s.id, name: s.name, ports: s.ports })),
    networks: snapshot.networks.map((n) => ({ name: n.name, driver: n.driver, scope: n.scope, ingress: n.ingress })),
    secrets: snapshot.secrets.map((s) => s.name),
    configs: snapshot.configs.map((c) => c.name),
    selfId
  }
}

/** What the placement planner needs of a draft (fields that do not parse count as unset: they are reported as issues). */
export function placementDraftOf(draft: ServiceDraft): PlacementDraft {
  const cpus = parseCPUs(draft.reservations.cpus.trim())
  const memory = parseRAMInBytes(draft.reservations.memory.trim())
  return {
    name: draft.name.trim() || 'draft',
    mode: draft.mode,
    replicas: draft.mode === 'replicated' ? Math.max(0, draft.replicas) : 0,
    constraints: draft.constraints.map((c) => c.trim()).filter(Boolean),
    preferences: draft.preferences.map((p) => p.trim().replace(/^spread=/, '')).filter(Boolean).map((spread) => ({ spread })),
    maxReplicasPerNode: Math.max(0, draft.maxReplicasPerNode),
    reservations: { nanoCpus: draft.reservations.cpus.trim() && cpus.ok ? cpus.value : 0, memoryBytes: draft.reservations.memory.trim() && memory.ok ? memory.value : 0 },
    platforms: [],
    hostPorts: draft.ports.filter((p) => p.mode === 'host' && p.published !== null).map((p) => ({ protocol: p.protocol, port: p.published as number }))
  }
}

/** Why an update cannot be made at all, whatever the values (the engine's own limits). */
export function structuralIssues(base: ServiceDraft, draft: ServiceDraft): DraftIssue[] {
  const issues: DraftIssue[] = []
  if (base.mode !== draft.mode) issues.push({ path: 'mode', code: 'mode-change', from: base.mode, to: draft.mode })
  if (base.name.trim() !== draft.name.trim()) issues.push({ path: 'name', code: 'rename', from: base.name, to: draft.name })
  return issues
}

async function inspect(engine: StackEngine, serviceId: string): Promise<LiveServiceWithPrevious> {
  try {
    return (await engine.inspectService(serviceId)) as LiveServiceWithPrevious
  } catch (error) {
    const appError = toAppError(error)
    if (appError.code === 'NOT_FOUND') throw refusal('NOT_FOUND', phrase('services.said.not-found', { service: serviceId }))
    throw appError
  }
}
function nameOf(service: LiveService): string {
  return typeof service.Spec.Name === 'string' ? service.Spec.Name : service.ID
}

/** Validate, diff against the live service (or make the create spec), the CLI line and the placement: before any write. */
function planOf(snapshot: Snapshot, draft: ServiceDraft, live: LiveServiceWithPrevious | null, base: ServiceDraft | null): ServicePlan & { spec: JsonObject; keys: ServiceDraftKey[] } {
  const dctx = draftContextOf(snapshot)
  const issues = validateDraft(draft, validationContextOf(snapshot, live?.ID ?? null))
  let placement: ServicePlan['placement'] = null
  try {
    placement = planFromSnapshot(snapshot, { draft: placementDraftOf(draft), replaces: live?.ID ?? null }).plan
  } catch {
    placement = null
  }
  if (!live) {
    return { ok: issues.length === 0, issues, cli: createCli(draft), changes: [], restarts: false, version: null, placement, spec: draftToSpec(draft, dctx), keys: [] }
  }
  const from = base ?? specToDraft(live.Spec, dctx)
  issues.unshift(...structuralIssues(from, draft))
  const keys = changedKeys(from, draft)
  const spec = writeDraftFields(live.Spec, draft, keys, dctx)
  const comparison = compareServiceSpecs(nameOf(live), spec, live.Spec, { networkNames: dctx.networkNameById })
  const changes = comparison.changes.map((c) => ({ ...c, composePath: null }))
  return { ok: issues.length === 0, issues, cli: updateCli(from, draft, nameOf(live)), changes, restarts: comparison.restarts, version: live.Version.Index, placement, spec, keys }
}

function refuse(issues: readonly DraftIssue[]): AppError {
  const worded = issues.map((issue) => withWords({ path: issue.path, message: '', said: draftIssuePhrase(issue) }))
  return refusal('INVALID_INPUT', phrase('services.said.nothing-changed', { issues: joinedPhrases(worded.map((i) => issuePhrase(i.path, i.said))) }), { issues: worded })
}

/** One versioned change of one service; `change` returns null when the service is already as asked. */
async function versioned(
  engine: StackEngine,
  serviceId: string,
  cli: (name: string) => string,
  change: (service: LiveServiceWithPrevious) => JsonObject | null,
  query: Record<string, string> = {}
): Promise<ServiceActionResult> {
  let name = serviceId
  let id = serviceId
  const warnings: string[] = []
  const outcome = await updateWithRetry<LiveServiceWithPrevious>({
    what: phrase('services.said.what', { service: serviceId }),
    read: async () => {
      const service = await inspect(engine, serviceId)
      name = nameOf(service)
      id = service.ID
      return { version: service.Version.Index, spec: service }
    },
    apply: (service) => {
      const spec = change(service)
      return spec === null ? null : { ...service, Spec: spec }
    },
    write: async (version, service) => {
      const response = await engine.updateService(id, version, service.Spec, null, query)
      warnings.push(...(response?.Warnings ?? []))
    }
  })
  return { serviceId: id, name, changed: outcome.changed, attempts: outcome.attempts, cli: cli(name), warnings }
}

export function createServiceOperations(registry: ClusterRegistry) {
  const engineOf = (clusterId: string) => new StackEngine(registry.get(clusterId).engine)
  const snapshotOf = (clusterId: string) => registry.get(clusterId).snapshot()

  return {
    async plan(input: { clusterId: string; draft: ServiceDraft; serviceId?: string; base?: ServiceDraft }): Promise<ServicePlan> {
      const live = input.serviceId ? await inspect(engineOf(input.clusterId), input.serviceId) : null
      const { spec: _spec, keys: _keys, ...plan } = planOf(await snapshotOf(input.clusterId), input.draft, live, input.base ?? null)
      return plan
    },

    async edit(clusterId: string, serviceId: string): Promise<ServiceEdit> {
      const live = await inspect(engineOf(clusterId), serviceId)
      const dctx = draftContextOf(await snapshotOf(clusterId))
      const previous = live.PreviousSpec
      const previousImage = isJsonObject(previous ?? undefined) ? specToDraft(previous, dctx).image : null
      return { serviceId: live.ID, version: live.Version.Index, draft: specToDraft(live.Spec, dctx), hasPreviousSpec: Boolean(previous), previousImage, untouched: untouchedFields(live.Spec) }
    },

    async create(clusterId: string, draft: ServiceDraft): Promise<ServiceActionResult> {
      const plan = planOf(await snapshotOf(clusterId), draft, null, null)
      if (!plan.ok) throw refuse(plan.issues)
      try {
        const created = await engineOf(clusterId).createService(plan.spec, null)
        return { serviceId: created.ID, name: draft.name.trim(), changed: true, attempts: 1, cli: plan.cli, warnings: created.Warnings ?? [] }
      } catch (error) {
        throw toAppError(error)
      }
    },

    async update(clusterId: string, serviceId: string, draft: ServiceDraft, base: ServiceDraft): Promise<ServiceActionResult & { changes: FieldChange[] }> {
      const snapshot = await snapshotOf(clusterId)
      const dctx = draftContextOf(snapshot)
      const keys = changedKeys(base, draft)
      let changes: FieldChange[] = []
      let cli = ''
      const result = await versioned(
        engineOf(clusterId),
        serviceId,
        () => cli,
        (service) => {
          const plan = planOf(snapshot, draft, service, base)
          cli = plan.cli
          if (!plan.ok) throw refuse(plan.issues)
          const current = specToDraft(service.Spec, dctx)
          // the user's change re-applied to the service as it is now; someone else's change to
          // the same field (or list entry) would be lost: refused
          const target: ServiceDraft = { ...current }
          const clashes: string[] = []
          for (const key of keys) {
            const reapplied = reapplyField(key, base, draft, current)
            clashes.push(...reapplied.clashes)
            Object.assign(target, { [key]: reapplied.value })
          }
          if (clashes.length) {
            throw refusal('CONFLICT', phrase('services.said.conflict', { fields: clashes.join(', '), service: nameOf(service) }))
          }
          const todo = keys.filter((key) => !draftValueEqual(current, target, key))
          if (todo.length === 0) return null
          const spec = writeDraftFields(service.Spec, target, todo, dctx)
          changes = compareServiceSpecs(nameOf(service), spec, service.Spec, { networkNames: dctx.networkNameById }).changes.map((c) => ({ ...c, composePath: null }))
          return spec
        }
      )
      return { ...result, cli: cli || result.cli, changes }
    },

    scale(clusterId: string, serviceId: string, replicas: number): Promise<ServiceActionResult> {
      return versioned(
        engineOf(clusterId),
        serviceId,
        (name) => serviceScaleCli([{ name, replicas }]),
        (service) => {
          const mode = modeKindOf(service.Spec)
          if (mode !== 'replicated') {
            throw refusal(
              'INVALID_INPUT',
              mode === 'global'
                ? phrase('services.said.scale-global', { service: nameOf(service) })
                : phrase('services.said.scale-mode', { service: nameOf(service), mode: modePhrase(mode) })
            )
          }
          const current = (service.Spec.Mode as { Replicated?: { Replicas?: number } }).Replicated?.Replicas ?? 1
          if (current === replicas) return null
          return { ...service.Spec, Mode: { Replicated: { Replicas: replicas } } }
        }
      )
    },

    rollback(clusterId: string, serviceId: string): Promise<ServiceActionResult> {
      return versioned(
        engineOf(clusterId),
        serviceId,
        serviceRollbackCli,
        (service) => {
          if (!service.PreviousSpec) {
            throw refusal('INVALID_INPUT', phrase('services.said.no-previous-spec', { service: nameOf(service) }))
          }
          // the engine swaps in PreviousSpec itself (rollback=previous); the body is the current spec, like the CLI sends
          return service.Spec
        },
        { rollback: 'previous' }
      )
    },

    forceUpdate(clusterId: string, serviceId: string): Promise<ServiceActionResult> {
      return versioned(engineOf(clusterId), serviceId, serviceForceUpdateCli, (service) => {
        const template = isJsonObject(service.Spec.TaskTemplate) ? service.Spec.TaskTemplate : {}
        const force = typeof template.ForceUpdate === 'number' ? template.ForceUpdate : 0
        return { ...service.Spec, TaskTemplate: { ...template, ForceUpdate: force + 1 } }
      })
    },

    async remove(clusterId: string, serviceId: string): Promise<{ serviceId: string; name: string; cli: string }> {
      const engine = engineOf(clusterId)
      const service = await inspect(engine, serviceId)
      try {
        await engine.removeService(service.ID)
      } catch (error) {
        throw toAppError(error)
      }
      return { serviceId: service.ID, name: nameOf(service), cli: serviceRemoveCli([nameOf(service)]) }
    }
  }
}

export type ServiceOperations = ReturnType<typeof createServiceOperations>
