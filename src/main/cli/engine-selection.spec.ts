import { describe, expect, it } from 'vitest'
import { chooseEngine } from './engine-selection'
import { formatTable } from './table'
import { parseLabelArgs, resolveNode } from './node-commands'
import type { SwarmNode } from '../../shared/domain'

describe('chooseEngine', () => {
  it.each([
    [{}, { kind: 'default' }],
    [{ host: 'unix:///run/docker.sock' }, { kind: 'endpoint', endpoint: { kind: 'docker-host', dockerHost: 'unix:///run/docker.sock' }, label: 'unix:///run/docker.sock' }],
    [{ host: 'ssh://root@mgr1' }, { kind: 'endpoint', endpoint: { kind: 'docker-host', dockerHost: 'ssh://root@mgr1' }, label: 'ssh://root@mgr1' }],
    [{ context: 'prod' }, { kind: 'endpoint', endpoint: { kind: 'context', contextName: 'prod' }, label: 'context prod' }],
    [{ connection: 'lab' }, { kind: 'profile-name', name: 'lab' }]
  ])('%j', (flags, expected) => expect(chooseEngine(flags)).toEqual(expected))

  it('refuses two engines at once and a host without scheme', () => {
    expect(chooseEngine({ host: 'unix:///a', connection: 'lab' })).toEqual({ kind: 'invalid', message: 'choose one of -H/--host, --connection: they name different engines' })
    expect(chooseEngine({ host: 'mgr1:2375' })).toEqual({ kind: 'invalid', message: '-H mgr1:2375: expected unix:///path, tcp://host:port or ssh://[user@]host[:port]' })
  })
})

describe('formatTable', () => {
  it('pads columns with three spaces and trims line ends', () => {
    expect(formatTable(['ID', 'NAME', 'X'], [['a', 'long-name', ''], ['bbb', 'n', 'y']])).toBe('ID    NAME        X\na     long-name\nbbb   n           y\n')
  })
})

describe('node arguments', () => {
  it('reads KEY=VALUE and bare KEY like the docker CLI', () => {
    expect(parseLabelArgs(['zone=east', 'ssd', 'url=a=b'])).toEqual({ zone: 'east', ssd: '', url: 'a=b' })
  })
  it('finds a node by id, hostname or id prefix', () => {
    const nodes = [{ id: 'abcdef123', hostname: 'worker1' }, { id: 'zzz999', hostname: 'abc' }] as SwarmNode[]
    expect(resolveNode(nodes, 'worker1')?.id).toBe('abcdef123')
    expect(resolveNode(nodes, 'abc')?.id).toBe('zzz999') // a hostname wins over an id prefix
    expect(resolveNode(nodes, 'abcd')?.id).toBe('abcdef123')
    expect(resolveNode(nodes, 'ab')).toBeNull()
  })
})
