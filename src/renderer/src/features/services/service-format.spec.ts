import { describe, expect, it } from 'vitest'
import type { Task } from '../../../../shared/domain'
import { engineTaskMessageKey, formatPort, isCurrentTask, orderTasks, replicaHealth, shortImage } from './service-format'

describe('shortImage', () => {
  it.each([
    ['nginx:1.27@sha256:0123abcdef', 'nginx:1.27'],
    ['docker.io/library/redis:7', 'redis:7'],
    ['docker.io/traefik/whoami:v1.10', 'traefik/whoami:v1.10'],
    ['registry.example.com:5000/team/api:2.1@sha256:ff', 'registry.example.com:5000/team/api:2.1'],
    ['alpine', 'alpine']
  ])('%s -> %s', (image, expected) => {
    expect(shortImage(image)).toBe(expected)
  })
})

describe('formatPort', () => {
  it.each([
    [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' as const }, '8080:80/tcp'],
    [{ protocol: 'udp', targetPort: 53, publishedPort: 53, publishMode: 'host' as const }, '53:53/udp (host)'],
    [{ protocol: 'tcp', targetPort: 80, publishedPort: null, publishMode: 'ingress' as const }, ':80/tcp']
  ])('%j', (port, expected) => {
    expect(formatPort(port)).toBe(expected)
  })
})

describe('replicaHealth', () => {
  it.each([
    [3, 3, 'replicated', 'ok'],
    [2, 3, 'replicated', 'short'],
    [0, 3, 'replicated', 'none'],
    [0, 0, 'replicated', 'ok'],
    [4, 5, 'global', 'short'],
    [0, 1, 'replicated-job', 'ok']
  ] as const)('%i/%i %s -> %s', (runningTasks, desiredTasks, mode, expected) => {
    expect(replicaHealth({ runningTasks, desiredTasks, mode })).toBe(expected)
  })
})

describe('orderTasks', () => {
  const task = (id: string, slot: number | null, nodeId: string | null, desiredState: Task['desiredState'], timestamp: string): Task => ({
    id,
    version: 1,
    serviceId: 's',
    slot,
    nodeId,
    state: desiredState === 'running' ? 'running' : 'shutdown',
    desiredState,
    message: '',
    error: '',
    exitCode: null,
    containerId: null,
    image: 'nginx',
    createdAt: timestamp,
    updatedAt: timestamp,
    timestamp
  })

  it('puts current tasks first, then by slot, newest first within a slot', () => {
    const tasks = [
      task('old-1', 1, 'n1', 'shutdown', '2025-01-01T00:00:00Z'),
      task('cur-2', 2, 'n2', 'running', '2025-01-02T00:00:00Z'),
      task('older-1', 1, 'n1', 'shutdown', '2024-12-01T00:00:00Z'),
      task('cur-1', 1, 'n1', 'running', '2025-01-03T00:00:00Z')
    ]
    expect(orderTasks(tasks, (id) => id ?? '').map((t) => t.id)).toEqual(['cur-1', 'cur-2', 'old-1', 'older-1'])
    expect(isCurrentTask(tasks[0])).toBe(false)
  })

  it('orders global tasks (no slot) by node hostname', () => {
    const tasks = [task('b', null, 'n2', 'running', '2025-01-01T00:00:00Z'), task('a', null, 'n1', 'running', '2025-01-01T00:00:00Z')]
    const hostnames: Record<string, string> = { n1: 'worker10', n2: 'worker2' }
    expect(orderTasks(tasks, (id) => (id ? hostnames[id] : '')).map((t) => t.id)).toEqual(['b', 'a'])
  })
})

describe('ports and engine task messages in the user\'s words', () => {
  it('formats a host-mode port with the given word', () => {
    const port = { protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host' as const }
    expect(formatPort(port)).toBe('8080:80/tcp (host)')
    expect(formatPort(port, 'hôte')).toBe('8080:80/tcp (hôte)')
    expect(formatPort({ ...port, publishMode: 'ingress' }, 'hôte')).toBe('8080:80/tcp')
  })
  it.each([
    ['pending task scheduling', 'pending-task-scheduling'],
    ['started', 'started'],
    ['shutdown', 'shutdown'],
    ['starting container failed: oci runtime', null]
  ])('%s -> %s', (message, key) => {
    expect(engineTaskMessageKey(message)).toBe(key)
  })
})
