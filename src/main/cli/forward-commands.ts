// `swarmdesk service port-forward SERVICE[.SLOT] LOCAL:REMOTE`: a local port on 127.0.0.1 that
// reaches REMOTE in a running task of SERVICE over its node's SSH connection (nothing published on
// the cluster), held in the foreground until Ctrl-C or SIGTERM. Parsing is pure; the rest waits.
import type { ForwardInfo, ForwardsChanged } from '../../shared/forwards'
import { AppError, errorCodeSchema } from '../../shared/errors'

export class ForwardUsageError extends Error {}

export interface ForwardArgs {
  target: string
  /** 0: any free port */
  localPort: number
  remotePort: number
}

const portOf = (word: string, allowZero: boolean): number | null => {
  if (!/^\d{1,5}$/.test(word)) return null
  const port = Number(word)
  return port <= 65535 && (port > 0 || allowZero) ? port : null
}

/** The words after `service port-forward`: `SERVICE[.SLOT] [LOCAL]:REMOTE` (or `PORT`, the same port on both sides, as kubectl reads it). Pure. */
export function parseForwardArgs(argv: readonly string[]): ForwardArgs {
  const usage = 'usage: swarmdesk service port-forward SERVICE[.SLOT] [LOCAL]:REMOTE'
  if (argv.length !== 2) throw new ForwardUsageError(usage)
  const [target, ports] = argv
  if (!target || target.startsWith('-')) throw new ForwardUsageError(usage)
  const parts = ports.split(':')
  if (parts.length > 2) throw new ForwardUsageError(`"${ports}": give LOCAL:REMOTE, e.g. 8080:80 or :80`)
  const remote = portOf(parts[parts.length - 1], false)
  const local = parts.length === 2 ? (parts[0] === '' ? 0 : portOf(parts[0], true)) : remote
  if (remote === null) throw new ForwardUsageError(`"${parts[parts.length - 1]}" is not a port in the container (1-65535)`)
  if (local === null) throw new ForwardUsageError(`"${parts[0]}" is not a local port (0-65535, 0 or empty: any free port)`)
  return { target, localPort: local, remotePort: remote }
}

export interface ForwardCommandContext {
  clusterId(): Promise<string>
  open(input: { clusterId: string; service: string; remotePort: number; localPort: number }): Promise<ForwardInfo>
  close(forwardId: string): void
  /** `forwards.changed` as it is published */
  onChanged(listener: (change: ForwardsChanged) => void): () => void
  /** Ctrl-C or SIGTERM */
  onInterrupt(listener: () => void): () => void
  json: boolean
  out(text: string): void
  err(text: string): void
}

/** Opens the forward, says where it listens, and holds it until interrupted (0) or until it ends on its own (an error). */
export async function runPortForward(ctx: ForwardCommandContext, args: ForwardArgs): Promise<void> {
  const clusterId = await ctx.clusterId()
  const forward = await ctx.open({ clusterId, service: args.target, remotePort: args.remotePort, localPort: args.localPort })
  if (ctx.json) ctx.out(JSON.stringify(forward, null, 2) + '\n')
  ctx.err(`Forwarding ${forward.url} -> ${forward.task} on ${forward.node} (${forward.containerAddress}:${forward.remotePort}); Ctrl-C to stop\n${forward.cli}\n`)
  const ended = await new Promise<ForwardsChanged['ended']>((resolve) => {
    const offInterrupt = ctx.onInterrupt(() => finish(null))
    const offChanged = ctx.onChanged((change) => {
      if (change.ended?.forwardId === forward.forwardId) finish(change.ended)
    })
    function finish(value: ForwardsChanged['ended']): void {
      offInterrupt()
      offChanged()
      resolve(value)
    }
  })
  ctx.close(forward.forwardId)
  if (!ended?.reason) return
  const code = errorCodeSchema.safeParse(ended.reason.code)
  throw new AppError(code.success ? code.data : 'CONNECTION_LOST', `the forward to ${ended.task} closed: ${ended.reason.message}`)
}
