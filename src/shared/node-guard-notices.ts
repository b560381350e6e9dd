import { z } from 'zod'

/**
 * Why a node availability or role change is refused, or what the user must read before it is
 * made: codes with their numbers and names, not sentences, so that each side words them in its
 * own language (the renderer through i18n `nodes.change.refusal.*` / `nodes.change.warning.*`,
 * the CLI in English; one mapping of codes to phrases: ./node-guard-phrases.ts).
 */

const role = z.enum(['manager', 'worker'])
const availability = z.enum(['active', 'pause', 'drain'])
const nodeState = z.enum(['unknown', 'down', 'ready', 'disconnected'])

export const nodeRefusalSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('unknown-node'), nodeId: z.string() }),
  z.object({ code: z.literal('already-role'), node: z.string(), role }),
  z.object({ code: z.literal('already-availability'), node: z.string(), availability }),
  /** Demoting the only manager would leave the swarm without one. */
  z.object({ code: z.literal('last-manager'), node: z.string() })
])
export type NodeRefusal = z.infer<typeof nodeRefusalSchema>

export const nodeWarningSchema = z.discriminatedUnion('code', [
  /** After the change, `reachable` of `managers` managers answer and `quorum` are needed. */
  z.object({ code: z.literal('quorum-loss'), managers: z.number().int(), reachable: z.number().int(), quorum: z.number().int() }),
  /** `managers` (even) tolerate no more failures than `fewer` (one less). */
  z.object({ code: z.literal('even-managers'), managers: z.number().int(), fewer: z.number().int() }),
  z.object({ code: z.literal('too-many-managers'), managers: z.number().int(), max: z.number().int() }),
  z.object({ code: z.literal('leader-election'), node: z.string() }),
  z.object({ code: z.literal('manager-not-ready'), node: z.string(), state: nodeState }),
  z.object({ code: z.literal('no-active-node'), node: z.string() }),
  z.object({ code: z.literal('manager-keeps-vote'), node: z.string() })
])
export type NodeWarning = z.infer<typeof nodeWarningSchema>
