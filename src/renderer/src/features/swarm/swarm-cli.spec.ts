import { describe, expect, it } from 'vitest'
import { joinTokenCli, swarmInitCli, swarmLeaveCli } from './swarm-cli'

describe('swarm CLI equivalents', () => {
  it.each([
    ['', '', 'docker swarm init --advertise-addr <ADDR>'],
    ['10.77.0.11', '', 'docker swarm init --advertise-addr 10.77.0.11'],
    [' eth0 ', '0.0.0.0:2377', 'docker swarm init --advertise-addr eth0 --listen-addr 0.0.0.0:2377'],
    ['a b', '', "docker swarm init --advertise-addr 'a b'"]
  ])('init %j %j', (advertise, listen, expected) => {
    expect(swarmInitCli(advertise, listen, '<ADDR>')).toBe(expected)
  })

  it('join-token and leave', () => {
    expect(joinTokenCli('worker')).toBe('docker swarm join-token worker')
    expect(joinTokenCli('manager')).toBe('docker swarm join-token manager')
    expect(swarmLeaveCli(false)).toBe('docker swarm leave')
    expect(swarmLeaveCli(true)).toBe('docker swarm leave --force')
  })
})
