import { inspect } from 'node:util'
import type { Client } from 'ssh2'
import { describe, expect, it } from 'vitest'
import { SshChannelAgent } from './ssh-carriers'

describe('SshChannelAgent', () => {
  it('inspects as one short line (docker-modem inspects every request options, depth unlimited, debug on or off)', () => {
    const client = { huge: Array.from({ length: 10_000 }, (_, i) => ({ i })) } as unknown as Client
    const agent = new SshChannelAgent(client, '/var/run/docker.sock', 1000, 4)
    const text = inspect({ agent, path: '/containers/x/stats' }, { showHidden: true, depth: null })
    expect(text).toContain('SshChannelAgent(ssh-streamlocal, 0 channels)')
    expect(text.length).toBeLessThan(200)
    agent.destroy()
  })
})
