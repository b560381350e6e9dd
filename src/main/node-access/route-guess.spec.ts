import { describe, expect, it } from 'vitest'
import type { NodeRoute } from '../../shared/node-access'
import { guessRoute, sshCommandOf, type ClusterAccess, type SshConfigView } from './route-guess'

const worker2 = { id: 'w2', hostname: 'worker2', address: '10.77.0.22' }
const manager1 = { id: 'm1', hostname: 'manager1', address: '10.77.0.11' }
const overSsh: ClusterAccess = { kind: 'ssh', host: '10.77.0.11', port: null, user: 'root', managerNodeId: 'm1' }
const local: ClusterAccess = { kind: 'local', engineNodeId: 'm1' }
const noConfig: SshConfigView = { aliasFor: () => null, knows: () => false }
const config = (aliases: Record<string, string>, known: string[] = []): SshConfigView => ({ aliasFor: (name) => aliases[name] ?? null, knows: (name) => known.includes(name) })

describe('guessRoute', () => {
  it.each<[string, typeof worker2, ClusterAccess, Record<string, NodeRoute>, SshConfigView, Partial<ReturnType<typeof guessRoute>>]>([
    ['a worker of a cluster reached over SSH: through the manager', worker2, overSsh, {}, noConfig,
      { route: { via: 'manager', host: '10.77.0.22', user: 'root' }, source: 'through-manager', sshCommand: 'ssh -J root@10.77.0.11 root@10.77.0.22' }],
    ['the manager itself: its connection is reused', manager1, overSsh, {}, noConfig,
      { route: { via: 'manager-itself', host: '10.77.0.11', user: 'root' }, source: 'manager-connection', sshCommand: 'ssh root@10.77.0.11' }],
    ['~/.ssh/config has an alias whose HostName is the node', worker2, overSsh, {}, config({ '10.77.0.22': 'w2' }),
      { route: { via: 'direct', host: 'w2' }, source: 'ssh-config', sshCommand: 'ssh w2' }],
    ['~/.ssh/config knows the hostname by a pattern', worker2, overSsh, {}, config({}, ['worker2']),
      { route: { via: 'direct', host: 'worker2' }, source: 'ssh-config' }],
    ['a saved route wins over everything', worker2, overSsh, { worker2: { via: 'direct', host: 'bastion-w2', port: 2222, user: 'ops' } }, config({ worker2: 'w2' }),
      { route: { via: 'direct', host: 'bastion-w2', port: 2222, user: 'ops' }, source: 'saved', sshCommand: 'ssh -p 2222 ops@bastion-w2' }],
    ['a local engine: straight to the node address', worker2, local, {}, noConfig,
      { route: { via: 'direct', host: '10.77.0.22' }, source: 'node-address', sshCommand: 'ssh 10.77.0.22' }],
    ['the node behind the local socket: that socket, no SSH', manager1, local, {}, config({ manager1: 'm1-alias' }),
      { route: { via: 'manager-itself', host: 'manager1' }, source: 'local-connection', sshCommand: '' }],
    ['the node behind the local socket, with a saved route: the saved route', manager1, local, { manager1: { via: 'direct', host: 'm1' } }, noConfig,
      { route: { via: 'direct', host: 'm1' }, source: 'saved', sshCommand: 'ssh m1' }]
  ])('%s', (_name, node, access, saved, view, expected) => {
    expect(guessRoute(node, access, saved, view)).toMatchObject({ nodeId: node.id, hostname: node.hostname, ...expected })
  })

  it('names the jump host with its port when it is not 22', () => {
    expect(sshCommandOf({ via: 'manager', host: '10.0.0.9', user: 'root' }, { kind: 'ssh', host: 'mgr.example', port: 2200, user: 'ops', managerNodeId: null })).toBe('ssh -J ops@mgr.example:2200 root@10.0.0.9')
  })
})
