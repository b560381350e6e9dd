// Which of the container's addresses its node reaches on the forwarded port: one probe connection
// per address, in order, each given a stated time (the SSH server's own connect would wait for the
// kernel's, minutes). The channel opener is passed in (the node's `forwardOut`), so this is tested
// without a network.
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'

/** What an opened channel must offer here. */
interface Closable {
  close(): unknown
}

type OpenChannel<C extends Closable> = (host: string, port: number) => Promise<C>

/** A channel to address:port, or a rejection after timeoutMs (a channel that opens later is closed). */
function channelWithin<C extends Closable>(open: OpenChannel<C>, address: string, port: number, timeoutMs: number): Promise<C> {
  return new Promise((resolve, reject) => {
    let settled = false
    const timer = setTimeout(() => {
      settled = true
      reject(new Error('timeout'))
    }, timeoutMs)
    open(address, port).then(
      (channel) => {
        clearTimeout(timer)
        // Opened after we gave up: nobody wants it any more.
        if (settled) channel.close()
        else resolve(channel)
      },
      (error: unknown) => {
        clearTimeout(timer)
        if (!settled) reject(error)
      }
    )
  })
}

/** The SSH server's words when the far end answered with a reset: the address is right, nothing listens. */
const refusedByPeer = (error: unknown): boolean => /refused/i.test((error as Error)?.message ?? '')

/**
 * The first address that accepts a connection on `port`, tried in order; a refusal means the
 * address was right and nothing listens, so the next is not tried.
 */
export async function reachableAddress<C extends Closable>(open: OpenChannel<C>, candidates: string[], port: number, what: { task: string; node: string; timeoutMs: number }): Promise<string> {
  const { task, node } = what
  if (candidates.length === 0) throw refusal('UNREACHABLE', phrase('forwards.said.no-address', { task, node }))
  for (const address of candidates) {
    try {
      const probe = await channelWithin(open, address, port, what.timeoutMs)
      probe.close()
      return address
    } catch (error) {
      if (refusedByPeer(error)) throw refusal('CONNECTION_REFUSED', phrase('forwards.said.refused', { task, port, address, node }))
    }
  }
  throw refusal('UNREACHABLE', phrase('forwards.said.unreachable', { task, port, node, seconds: what.timeoutMs / 1000, addresses: candidates.join(', ') }))
}
