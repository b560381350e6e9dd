import { describe, expect, it } from 'vitest'
import { normaliseEvent, normaliseNetwork, normaliseNode, normaliseService, normaliseSwarmInfo, normaliseTask } from './normalise'

// Inputs shaped like the Engine API 1.41 documentation's examples; expectations written by hand.
describe('normalise', () => {
  it('reads a manager node', () => {
    const node = normaliseNode({
      ID: 'n1',
      Version: { Index: 12 },
      Spec: { Role: 'manager', Availability: 'drain', Labels: { zone: 'a' } },
      Description: {
        Hostname: 'manager1',
        Platform: { OS: 'linux', Architecture: 'x86_64' },
        Resources: { NanoCPUs: 2e9, MemoryBytes: 2048 },
        Engine: { EngineVersion: '20.10.24', Labels: { 'lab.node': 'manager1' } }
      },
      Status: { State: 'ready', Addr: '10.77.0.11' },
      ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.77.0.11:2377' }
    })
    expect(node).toMatchObject({
      id: 'n1', version: 12, hostname: 'manager1', role: 'manager', availability: 'drain', state: 'ready', address: '10.77.0.11',
      manager: { leader: true, reachability: 'reachable', address: '10.77.0.11:2377' },
      engineVersion: '20.10.24', os: 'linux', arch: 'x86_64', nanoCpus: 2e9, memoryBytes: 2048,
      labels: { zone: 'a' }, engineLabels: { 'lab.node': 'manager1' }
    })
  })

  it('tolerates a bare node and unknown enum values', () => {
    const node = normaliseNode({ ID: 'x', Spec: { Role: 'boss', Availability: 'weird' }, Status: { State: 'gone' } })
    expect(node).toMatchObject({ role: 'worker', availability: 'active', state: 'unknown', manager: null, labels: {} })
  })

  it('reads a replicated stack service with status and ports', () => {
    const service = normaliseService({
      ID: 's1',
      Version: { Index: 30 },
      Spec: {
        Name: 'shop_web',
        Labels: { 'com.docker.stack.namespace': 'shop' },
        TaskTemplate: {
          ContainerSpec: { Image: 'web:1@sha256:abc' },
          Placement: {
            Constraints: ['node.role==worker'],
            Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }, { Spread: { SpreadDescriptor: 'node.labels.rack' } }],
            MaxReplicas: 2,
            Platforms: [{ OS: 'linux', Architecture: 'amd64' }]
          },
          Resources: { Reservations: { NanoCPUs: 5e8, MemoryBytes: 64 * 1024 * 1024 }, Limits: { MemoryBytes: 128 * 1024 * 1024 } }
        },
        Mode: { Replicated: { Replicas: 3 } }
      },
      Endpoint: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }] },
      ServiceStatus: { RunningTasks: 2, DesiredTasks: 3 },
      UpdateStatus: { State: 'paused', Message: 'update paused due to failure' }
    })
    expect(service).toMatchObject({
      name: 'shop_web', stack: 'shop', image: 'web:1@sha256:abc', mode: 'replicated', desiredTasks: 3, runningTasks: 2,
      constraints: ['node.role==worker'],
      placement: {
        replicas: 3,
        preferences: [{ spread: 'node.labels.zone' }, { spread: 'node.labels.rack' }],
        maxReplicasPerNode: 2,
        reservations: { nanoCpus: 5e8, memoryBytes: 67108864 },
        limits: { nanoCpus: 0, memoryBytes: 134217728 },
        platforms: [{ os: 'linux', arch: 'amd64' }]
      },
      ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host' }],
      updateStatus: { state: 'paused', message: 'update paused due to failure', startedAt: null, completedAt: null }
    })
  })

  it('reads secret and config references: file targets with owner and mode, runtime targets as null', () => {
    const service = normaliseService({
      Spec: {
        TaskTemplate: {
          ContainerSpec: {
            Secrets: [
              { SecretID: 'sec1', SecretName: 'db_password', File: { Name: 'db_password', UID: '0', GID: '0', Mode: 0o444 } },
              { SecretID: 'sec1', SecretName: 'db_password', File: { Name: '/etc/app/pw', UID: '1000', GID: '1001', Mode: 0o400 } }
            ],
            Configs: [
              { ConfigID: 'cfg1', ConfigName: 'nginx_conf', File: { Name: '/etc/nginx/nginx.conf', UID: '101', GID: '101', Mode: 0o440 } },
              { ConfigID: 'cfg2', ConfigName: 'credspec', Runtime: {} }
            ]
          }
        }
      }
    })
    expect(service.secrets).toEqual([
      { id: 'sec1', name: 'db_password', target: 'db_password', uid: '0', gid: '0', mode: 292 },
      { id: 'sec1', name: 'db_password', target: '/etc/app/pw', uid: '1000', gid: '1001', mode: 256 }
    ])
    expect(service.configs).toEqual([
      { id: 'cfg1', name: 'nginx_conf', target: '/etc/nginx/nginx.conf', uid: '101', gid: '101', mode: 288 },
      { id: 'cfg2', name: 'credspec', target: null, uid: '0', gid: '0', mode: 292 }
    ])
    expect(normaliseService({ Spec: { TaskTemplate: { ContainerSpec: { Secrets: null } } } })).toMatchObject({ secrets: [], configs: [] })
  })

  it('knows global and job modes, and falls back on the spec replicas without status', () => {
    expect(normaliseService({ Spec: { Mode: { Global: {} } } }).mode).toBe('global')
    expect(normaliseService({ Spec: { Mode: { ReplicatedJob: {} } } }).mode).toBe('replicated-job')
    expect(normaliseService({ Spec: { Mode: { GlobalJob: {} } } }).mode).toBe('global-job')
    expect(normaliseService({ Spec: { Mode: { Replicated: { Replicas: 4 } } } }).desiredTasks).toBe(4)
  })
})

describe('normalise: tasks, networks, swarm facts and events', () => {
  it('reads a failed task and a global task without slot', () => {
    const failed = normaliseTask({
      ID: 't1', ServiceID: 's1', Slot: 2, NodeID: 'n1', DesiredState: 'shutdown',
      Spec: { ContainerSpec: { Image: 'web:2' } },
      Status: { State: 'failed', Message: 'started', Err: 'task: non-zero exit (1)', Timestamp: '2026-01-01T00:00:00Z', ContainerStatus: { ContainerID: 'c1', ExitCode: 1 } }
    })
    expect(failed).toMatchObject({ slot: 2, nodeId: 'n1', state: 'failed', desiredState: 'shutdown', error: 'task: non-zero exit (1)', exitCode: 1, containerId: 'c1', timestamp: '2026-01-01T00:00:00Z' })
    const pending = normaliseTask({ ID: 't2', ServiceID: 's2', DesiredState: 'running', Status: { State: 'pending', Message: 'pending task scheduling', Err: 'no suitable node' } })
    expect(pending).toMatchObject({ slot: null, nodeId: null, state: 'pending', error: 'no suitable node', exitCode: null })
  })

  it('reads an overlay network', () => {
    expect(normaliseNetwork({ Id: 'net', Name: 'shop_default', Driver: 'overlay', Scope: 'swarm', Attachable: true, IPAM: { Config: [{ Subnet: '10.0.1.0/24' }] }, Labels: { 'com.docker.stack.namespace': 'shop' } }))
      .toMatchObject({ id: 'net', name: 'shop_default', driver: 'overlay', scope: 'swarm', attachable: true, ingress: false, subnets: ['10.0.1.0/24'], stack: 'shop' })
  })

  it('reads swarm facts only from an active manager', () => {
    expect(normaliseSwarmInfo({ Swarm: { LocalNodeState: 'inactive' } })).toBeNull()
    expect(normaliseSwarmInfo({ Swarm: { LocalNodeState: 'active', ControlAvailable: false, Cluster: { ID: 'c' } } })).toBeNull()
    const info = normaliseSwarmInfo({
      Name: 'manager1', ServerVersion: '20.10.24',
      Swarm: {
        LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n1', NodeAddr: '10.77.0.11', Managers: 3, Nodes: 5,
        Cluster: { ID: 'c1', CreatedAt: '2026-01-01', DefaultAddrPool: ['10.0.0.0/8'], DataPathPort: 4789, Spec: { CAConfig: { NodeCertExpiry: 7776000000000000 }, Orchestration: { TaskHistoryRetentionLimit: 5 } } }
      }
    })
    expect(info).toMatchObject({ swarmId: 'c1', managers: 3, nodes: 5, nodeAddress: '10.77.0.11', engineName: 'manager1', certExpirySeconds: 7776000, taskHistoryLimit: 5, dataPathPort: 4789 })
  })

  it('turns an engine event into a feed entry', () => {
    const event = normaliseEvent({ Type: 'service', Action: 'update', Actor: { ID: 's1', Attributes: { name: 'web', 'replicas.new': '3' } }, timeNano: 1767225600123000000 })
    expect(event).toEqual({ key: '1767225600123000000-service-update-s1', time: '2026-01-01T00:00:00.123Z', type: 'service', action: 'update', actorId: 's1', actorName: 'web', attributes: { name: 'web', 'replicas.new': '3' } })
  })
})

describe('normalise: networks and mounts (networks page)', () => {
  it('reads a service\'s network attachments (TaskTemplate, else the old Spec.Networks) and its mounts', () => {
    const service = normaliseService({
      ID: 's1',
      Spec: {
        Name: 'db',
        TaskTemplate: {
          ContainerSpec: {
            Image: 'postgres:16',
            Mounts: [
              { Type: 'volume', Source: 'dbdata', Target: '/var/lib/postgresql/data' },
              { Type: 'volume', Source: 'nfsdata', Target: '/nfs', ReadOnly: true, VolumeOptions: { DriverConfig: { Name: 'nfs' } } },
              { Type: 'bind', Source: '/etc/hosts', Target: '/etc/hosts', ReadOnly: true },
              { Type: 'tmpfs', Target: '/tmp' },
              { Type: 'weird', Target: '/x' }
            ]
          },
          Networks: [{ Target: 'net1', Aliases: ['database'] }, { Target: 'net2' }]
        }
      }
    })
    expect(service.networks).toEqual([
      { target: 'net1', aliases: ['database'] },
      { target: 'net2', aliases: [] }
    ])
    expect(service.mounts).toEqual([
      { type: 'volume', source: 'dbdata', target: '/var/lib/postgresql/data', readOnly: false, volumeDriver: 'local' },
      { type: 'volume', source: 'nfsdata', target: '/nfs', readOnly: true, volumeDriver: 'nfs' },
      { type: 'bind', source: '/etc/hosts', target: '/etc/hosts', readOnly: true, volumeDriver: null },
      { type: 'tmpfs', source: '', target: '/tmp', readOnly: false, volumeDriver: null },
      { type: 'unknown', source: '', target: '/x', readOnly: false, volumeDriver: null }
    ])
    expect(normaliseService({ ID: 's2', Spec: { Name: 'old', Networks: [{ Target: 'net3' }] } }).networks).toEqual([{ target: 'net3', aliases: [] }])
    expect(normaliseService({ ID: 's3', Spec: { Name: 'bare' } })).toMatchObject({ networks: [], mounts: [] })
  })

  it('reads a network\'s IPAM configs and driver options', () => {
    const network = normaliseNetwork({
      Id: 'n1',
      Name: 'backend',
      Driver: 'overlay',
      Scope: 'swarm',
      IPAM: { Config: [{ Subnet: '10.200.1.0/24', Gateway: '10.200.1.1' }, { Subnet: '10.200.2.0/24', IPRange: '10.200.2.128/25' }] },
      Options: { encrypted: '' }
    })
    expect(network.subnets).toEqual(['10.200.1.0/24', '10.200.2.0/24'])
    expect(network.ipam).toEqual([
      { subnet: '10.200.1.0/24', gateway: '10.200.1.1', ipRange: '' },
      { subnet: '10.200.2.0/24', gateway: '', ipRange: '10.200.2.128/25' }
    ])
    expect(network.options).toEqual({ encrypted: '' })
  })
})

describe('normalise: what rollback and the rollout monitor need', () => {
  it('reads whether a previous spec exists, its image, and the update policy with swarmkit defaults', () => {
    const updated = normaliseService({
      ID: 's1',
      Spec: { Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'web:2' } }, UpdateConfig: { Parallelism: 2, Delay: 10_000_000_000, FailureAction: 'rollback', Order: 'start-first' } },
      PreviousSpec: { TaskTemplate: { ContainerSpec: { Image: 'web:1' } } }
    })
    expect(updated).toMatchObject({
      hasPreviousSpec: true,
      previousImage: 'web:1',
      updateConfig: { parallelism: 2, delayNs: 10_000_000_000, failureAction: 'rollback', monitorNs: 5_000_000_000, maxFailureRatio: 0, order: 'start-first' }
    })
    expect(normaliseService({ ID: 's2', Spec: { Name: 'fresh' } })).toMatchObject({
      hasPreviousSpec: false,
      previousImage: null,
      updateConfig: { parallelism: 1, delayNs: 0, failureAction: 'pause', monitorNs: 5_000_000_000, maxFailureRatio: 0, order: 'stop-first' }
    })
  })
})
