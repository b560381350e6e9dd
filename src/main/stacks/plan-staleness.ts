// A deploy applies the plan that was shown, not a new one made at the moment of the click. Main
// keeps the plans it made (by their fingerprint) with a print of what they were made from: the
// live objects the planner compared against and the local inputs (the compiled files, the data of
// file secrets and configs). Deploying a kept plan only re-reads those and compares the print;
// when anything moved the plan is stale, and the deploy plans again (and refuses when the new
// plan differs from the one shown), like a stale secret rotation is refused and re-planned.
import { createHash } from 'node:crypto'
import type { CompiledStack } from './compose-compiler'
import type { LiveState } from '../docker/live-shapes'

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32)
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The cluster's objects as the planner sees them: any write to a service, secret or config moves
 * its version; networks cannot be updated, only made and removed (a new ID). Tasks are not in it:
 * they move without the plan changing.
 */
export function liveStateFingerprint(live: LiveState): string {
  return digest({
    services: live.services.map((s) => `${s.ID}@${s.Version.Index}`).sort(byText),
    networks: live.networks.map((n) => `${n.Id}:${n.Name}`).sort(byText),
    secrets: live.secrets.map((s) => `${s.ID}@${s.Version.Index}`).sort(byText),
    configs: live.configs.map((c) => `${c.ID}@${c.Version.Index}`).sort(byText)
  })
}

/**
 * What the files say, after interpolation and compilation, plus a digest of each secret and config
 * file's data (the data itself never leaves the reader). `fileData` maps a data file's path to its
 * digest, or to why it could not be read.
 */
export function inputsFingerprint(compiled: CompiledStack, fileData: ReadonlyMap<string, string>): string {
  return digest({ compiled, fileData: [...fileData.entries()].sort(([a], [b]) => byText(a, b)) })
}

/** The paths of the data files a compiled stack reads (file secrets and configs), each once. */
export function dataFilePaths(compiled: CompiledStack): string[] {
  const paths = new Set<string>()
  for (const object of [...compiled.secrets, ...compiled.configs]) if (object.dataSource.kind === 'file') paths.add(object.dataSource.path)
  return [...paths].sort(byText)
}

/** The digest kept for a data file: of its content, or of the reason it could not be read. */
export function dataDigest(read: { data: string } | { error: string }): string {
  return 'data' in read ? `sha256:${createHash('sha256').update(read.data).digest('hex')}` : `unreadable:${read.error}`
}

/** The inputs of a plan request that decide the plan (a deploy's own options are not among them). */
export interface PlanInputs {
  clusterId: string
  stack: string
  source: unknown
  useDotEnv: boolean
  variables: Record<string, string>
  resolveImage: string
  prune: boolean
  withRegistryAuth: boolean
}

/** Equal for two requests that ask for the same plan, whatever else they carry. */
export function planRequestKey(request: PlanInputs): string {
  return digest([
    request.clusterId,
    request.stack,
    request.source,
    request.useDotEnv,
    Object.entries(request.variables).sort(([a], [b]) => byText(a, b)),
    request.resolveImage,
    request.prune,
    request.withRegistryAuth
  ])
}

interface Held<T> {
  requestKey: string
  stateFingerprint: string
  keptAt: number
  prepared: T
}

/**
 * The last few plans made, by plan fingerprint. A plan is taken once: a deploy that finds it
 * applies it or drops it, so a second click never applies an old plan twice.
 */
export class HeldPlans<T> {
  private readonly held = new Map<string, Held<T>>()

  constructor(
    private readonly capacity = 8,
    private readonly maxAgeMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now
  ) {}

  keep(planFingerprint: string, requestKey: string, stateFingerprint: string, prepared: T): void {
    this.held.delete(planFingerprint)
    this.held.set(planFingerprint, { requestKey, stateFingerprint, keptAt: this.now(), prepared })
    while (this.held.size > this.capacity) {
      const oldest = this.held.keys().next().value as string
      this.held.delete(oldest)
    }
  }

  /** The plan of that fingerprint made for the same request, with the print of its inputs; null when none is held. */
  take(planFingerprint: string, requestKey: string): { prepared: T; stateFingerprint: string } | null {
    const found = this.held.get(planFingerprint)
    if (!found) return null
    this.held.delete(planFingerprint)
    if (found.requestKey !== requestKey || this.now() - found.keptAt > this.maxAgeMs) return null
    return { prepared: found.prepared, stateFingerprint: found.stateFingerprint }
  }
}

/**
 * The plan a deploy applies: the one shown (`expectFingerprint`) when it is held for this request
 * and the print of what it was made from is still the print of now; else a new plan.
 */
export async function shownOrNewPlan<T>(
  held: HeldPlans<T>,
  shown: { expectFingerprint: string | undefined; requestKey: string },
  stateNow: () => Promise<string | null>,
  planAgain: () => Promise<T>
): Promise<T> {
  if (shown.expectFingerprint !== undefined) {
    const found = held.take(shown.expectFingerprint, shown.requestKey)
    if (found && (await stateNow()) === found.stateFingerprint) return found.prepared
  }
  return planAgain()
}
