import { describe, expect, it } from 'vitest'
import type { Service, ServiceMount, SwarmNode, Task } from './domain'
import { servicesOnNetwork, volumesAcrossCluster, volumesByNode } from './network-usage'

function service(id: string, extra: Partial<Service> = {}): Service {
  return {
    id, version: 1, name: id, image: 'img', mode: 'replicated', desiredTasks: 1, runningTasks: 1, stack: null, labels: {}, ports: [], constraints: [],
    placement: { replicas: 1, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, platforms: [] },
    updateStatus: null, secrets: [], configs: [], createdAt: '', updatedAt: '', ...extra
  }
}
const volume = (source: string, extra: Partial<ServiceMount> = {}): ServiceMount => ({ type: 'volume', source, target: '/data', readOnly: false, volumeDriver: 'local', ...extra })
function task(id: string, serviceId: string, nodeId: string | null, desiredState: Task['desiredState'] = 'running'): Task {
  return { id, version: 1, serviceId, slot: 1, nodeId, state: 'running', desiredState, message: '', error: '', exitCode: null, containerId: null, image: '', createdAt: '', updatedAt: '', timestamp: '' }
}
const node = (id: string, hostname: string) => ({ id, hostname }) as SwarmNode

describe('servicesOnNetwork', () => {
  const net = { id: 'net1', name: 'backend', ingress: false }
  const services = [
    service('web', { networks: [{ target: 'net1', aliases: [] }] }),
    service('api', { networks: [{ target: 'other', aliases: [] }, { target: 'net1', aliases: ['api'] }] }),
    service('old', { networks: [{ target: 'backend', aliases: [] }] }),
    service('alone', { networks: [] }),
    service('unknown'),
    service('published', { ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' }] }),
    service('hostport', { ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8081, publishMode: 'host' }] })
  ]
  it('finds the services whose spec attaches them, by ID or by name, sorted by name', () => {
    expect(servicesOnNetwork(net, services).map((s) => s.name)).toEqual(['api', 'old', 'web'])
  })
  it('finds nobody on an unused network', () => {
    expect(servicesOnNetwork({ id: 'net9', name: 'free', ingress: false }, services)).toEqual([])
  })
  it('counts the services publishing through the routing mesh as users of ingress', () => {
    expect(servicesOnNetwork({ id: 'ing', name: 'ingress', ingress: true }, services)).toEqual([{ id: 'published', name: 'published' }])
  })
})

describe('volumesAcrossCluster', () => {
  const nodes = [node('n1', 'worker1'), node('n2', 'worker2'), node('n3', 'manager1')]
  it('puts each named volume on the nodes where the tasks that mount it are meant to run', () => {
    const services = [
      service('db', { mounts: [volume('dbdata'), { type: 'bind', source: '/etc/x', target: '/x', readOnly: true, volumeDriver: null }] }),
      service('cache', { mounts: [volume('dbdata', { target: '/cache' }), volume('cachetmp')] }),
      service('anon', { mounts: [volume('')] }),
      service('nfs', { mounts: [volume('shared', { volumeDriver: 'nfs' })] }),
      service('idle', { mounts: [volume('idledata')] })
    ]
    const tasks = [
      task('t1', 'db', 'n1'),
      task('t2', 'db', 'n2'),
      task('t3', 'cache', 'n2'),
      task('t4', 'cache', 'n3', 'shutdown'), // an old task: not where it runs now
      task('t5', 'cache', null), // pending, on no node yet
      task('t6', 'nfs', 'n1'),
      task('t7', 'nfs', 'n2'),
      task('t8', 'db', 'gone') // a node that left the swarm: named by ID
    ]
    expect(volumesAcrossCluster(services, tasks, nodes)).toEqual([
      { name: 'cachetmp', driver: 'local', services: ['cache'], nodes: [{ nodeId: 'n2', hostname: 'worker2', services: ['cache'] }], perNodeCopies: false },
      {
        name: 'dbdata',
        driver: 'local',
        services: ['cache', 'db'],
        nodes: [
          { nodeId: 'gone', hostname: 'gone', services: ['db'] },
          { nodeId: 'n1', hostname: 'worker1', services: ['db'] },
          { nodeId: 'n2', hostname: 'worker2', services: ['cache', 'db'] }
        ],
        perNodeCopies: true
      },
      { name: 'idledata', driver: 'local', services: ['idle'], nodes: [], perNodeCopies: false },
      {
        name: 'shared',
        driver: 'nfs',
        services: ['nfs'],
        nodes: [
          { nodeId: 'n1', hostname: 'worker1', services: ['nfs'] },
          { nodeId: 'n2', hostname: 'worker2', services: ['nfs'] }
        ],
        perNodeCopies: false
      }
    ])
  })
  it('is empty when no service mounts a named volume (and for services the mirror has no mounts for)', () => {
    expect(volumesAcrossCluster([service('web')], [task('t', 'web', 'n1')], nodes)).toEqual([])
  })
})

describe('volumesByNode', () => {
  it('lists per node the volumes its tasks use and who mounts them', () => {
    const services = [service('db', { mounts: [volume('dbdata')] }), service('cache', { mounts: [volume('dbdata'), volume('tmpdata')] }), service('idle', { mounts: [volume('idle')] })]
    const tasks = [task('t1', 'db', 'n1'), task('t2', 'cache', 'n1'), task('t3', 'db', 'n2')]
    const nodes = [node('n1', 'worker1'), node('n2', 'worker2')]
    expect(volumesByNode(volumesAcrossCluster(services, tasks, nodes))).toEqual([
      {
        nodeId: 'n1',
        hostname: 'worker1',
        volumes: [
          { name: 'dbdata', driver: 'local', services: ['cache', 'db'] },
          { name: 'tmpdata', driver: 'local', services: ['cache'] }
        ]
      },
      { nodeId: 'n2', hostname: 'worker2', volumes: [{ name: 'dbdata', driver: 'local', services: ['db'] }] }
    ])
  })
})
