import { z } from 'zod'
import { phraseSchema } from './phrase'

/**
 * How SwarmDesk reaches one node of a cluster over SSH, to open that node's own engine (terminals,
 * port-forwards, metrics) with nothing installed on it. Guessed per node, shown, editable, and
 * saved with the cluster's profile, keyed by the node's hostname (a node that leaves and rejoins
 * gets a new ID but keeps its name, and ~/.ssh/config speaks in names).
 */
export const nodeRouteSchema = z.object({
  /**
   * `manager`: an SSH connection to `host` carried over the cluster's current manager connection
   * (the manager as a jump host: workers on a private network). `direct`: from this machine, as
   * `ssh host` would go (a ~/.ssh/config alias keeps its ProxyJump). `manager-itself`: the node
   * is the manager SwarmDesk is connected to; its connection is reused (over SSH, or the local
   * engine's socket: then no SSH at all).
   */
  via: z.enum(['manager', 'direct', 'manager-itself']),
  /** A host name, address or ~/.ssh/config alias (for `manager`: as the manager resolves it). */
  host: z.string().trim().min(1).max(255).regex(/^[^\s@/]+$/, 'must be a host name, address or ~/.ssh/config alias, without user@ or spaces'),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().trim().regex(/^[a-z_][a-z0-9_.-]*$/i, 'must be a user name like root or deploy').optional()
})
export type NodeRoute = z.infer<typeof nodeRouteSchema>

/**
 * Why a route is what it is: the user saved it, ~/.ssh/config knows the node, or SwarmDesk guessed.
 * `local-connection`: the node is the engine SwarmDesk reaches on this computer's socket.
 */
export const nodeRouteSourceSchema = z.enum(['saved', 'ssh-config', 'manager-connection', 'local-connection', 'through-manager', 'node-address'])
export type NodeRouteSource = z.infer<typeof nodeRouteSourceSchema>

export const nodeRouteViewSchema = z.object({
  nodeId: z.string(),
  hostname: z.string(),
  route: nodeRouteSchema,
  source: nodeRouteSourceSchema,
  /** `ssh …` as a user would type it to reach the node the same way (with `-J` for a jump); empty when no SSH is needed (the local engine). */
  sshCommand: z.string()
})
export type NodeRouteView = z.infer<typeof nodeRouteViewSchema>

const clusterRef = z.object({ clusterId: z.string().min(1).max(200) })
/** A terminal's size in character cells. */
const cells = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }
const terminalRef = z.object({ terminalId: z.string().min(1).max(100) })

export const terminalInfoSchema = z.object({
  terminalId: z.string(),
  taskId: z.string(),
  /** `web.3` (or the service and the node of a global service's task) */
  task: z.string(),
  node: z.string(),
  containerId: z.string(),
  /** what runs: the command given, or the shell found (bash, ash or sh) */
  command: z.array(z.string()).nullable(),
  /** the same session by hand: `ssh -J root@manager root@node -t docker exec -it CONTAINER sh` */
  cli: z.string()
})
export type TerminalInfo = z.infer<typeof terminalInfoSchema>

export const nodeAccessProcedures = {
  /** How each node is reached (guessed, or saved with the profile), with the `ssh` command that does the same. */
  'nodes.routes': { input: clusterRef, output: z.array(nodeRouteViewSchema) },
  /** Save (or, with null, forget) a node's route in the cluster's profile. */
  'nodes.saveRoute': {
    input: clusterRef.extend({ hostname: z.string().min(1).max(255), route: nodeRouteSchema.nullable() }),
    output: z.array(nodeRouteViewSchema)
  },
  /** A terminal into a running task (on its node's engine, over the node's route); output comes as `terminals.output`. */
  'terminals.open': {
    input: clusterRef.extend({ taskId: z.string().min(1).max(100), command: z.array(z.string().max(4096)).min(1).max(64).nullable().default(null), ...cells }),
    output: terminalInfoSchema
  },
  /** Keystrokes (UTF-8 text as the terminal emulator produces it). */
  'terminals.input': { input: terminalRef.extend({ data: z.string().max(65_536) }), output: z.object({ ok: z.boolean() }) },
  'terminals.resize': { input: terminalRef.extend(cells), output: z.object({ ok: z.boolean() }) },
  'terminals.close': { input: terminalRef, output: z.object({ closed: z.boolean() }) }
} as const

export const terminalOutputSchema = z.object({
  terminalId: z.string(),
  /** consecutive per terminal, from 1: a gap means output was lost */
  seq: z.number().int(),
  /** the bytes, base64 (a TTY writes bytes; a UTF-8 character may straddle two chunks) */
  data: z.string()
})

export const terminalExitSchema = z.object({
  terminalId: z.string(),
  /** the process's exit code; null when it did not end by itself (the node or the container went away) */
  exitCode: z.number().int().nullable(),
  /** why it ended when it did not exit by itself */
  reason: z.object({ code: z.string(), message: z.string(), said: phraseSchema.optional() }).nullable()
})

export const nodeAccessEvents = {
  'terminals.output': terminalOutputSchema,
  'terminals.exit': terminalExitSchema
} as const
