import { describe, expect, it } from 'vitest'
import { reachableAddress } from './forward-probe'

/** A node whose addresses answer as told: open, refuse, or never answer. */
function node(behaviour: Record<string, 'open' | 'refused' | 'silent' | 'late'>) {
  const closed: string[] = []
  const tried: string[] = []
  const open = (host: string): Promise<{ close(): void }> => {
    tried.push(host)
    const channel = { close: () => void closed.push(host) }
    switch (behaviour[host]) {
      case 'open':
        return Promise.resolve(channel)
      case 'refused':
        return Promise.reject(new Error('(SSH) Channel open failure: Connection refused'))
      case 'late':
        return new Promise((resolve) => setTimeout(() => resolve(channel), 60))
      default:
        return new Promise(() => undefined)
    }
  }
  return { open, closed, tried }
}

const what = { task: 'web.1', node: 'worker2', timeoutMs: 30 }

describe('reachableAddress', () => {
  it('takes the first address that accepts, closing the probe', async () => {
    const n = node({ '172.17.0.3': 'open', '10.0.1.5': 'open' })
    expect(await reachableAddress(n.open, ['172.17.0.3', '10.0.1.5'], 80, what)).toBe('172.17.0.3')
    expect(n.closed).toEqual(['172.17.0.3'])
  })

  it('moves on from an address that does not answer in time, and closes its channel if it opens later', async () => {
    const n = node({ '10.0.1.5': 'late', '172.18.0.4': 'open' })
    expect(await reachableAddress(n.open, ['10.0.1.5', '172.18.0.4'], 80, what)).toBe('172.18.0.4')
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(n.closed).toEqual(['172.18.0.4', '10.0.1.5'])
  })

  it('stops at a refusal: the address is right and nothing listens', async () => {
    const n = node({ '172.17.0.3': 'refused', '10.0.1.5': 'open' })
    await expect(reachableAddress(n.open, ['172.17.0.3', '10.0.1.5'], 81, what)).rejects.toMatchObject({
      code: 'CONNECTION_REFUSED',
      message: 'nothing listens on port 81 of web.1 (172.17.0.3, as worker2 reaches it): the connection was refused'
    })
    expect(n.tried).toEqual(['172.17.0.3'])
  })

  it('says which addresses were tried, and for how long, when none answers', async () => {
    const n = node({})
    await expect(reachableAddress(n.open, ['172.18.0.4', '10.0.1.5'], 80, what)).rejects.toMatchObject({
      code: 'UNREACHABLE',
      message: 'port 80 of web.1 did not answer from worker2 within 0.03 s (tried 172.18.0.4, 10.0.1.5)'
    })
  })

  it('says so when the container has no address at all', async () => {
    await expect(reachableAddress(node({}).open, [], 80, what)).rejects.toMatchObject({ code: 'UNREACHABLE', message: 'the container of web.1 on worker2 has no network address its node can reach' })
  })
})
