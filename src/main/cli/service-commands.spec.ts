import { describe, expect, it } from 'vitest'
import type { Service, Task } from '../../shared/domain'
import { emptyServiceDraft } from '../../shared/services'
import { applyUpdateFlags, convergence, parsePublish, parseScaleArgs, ServiceUsageError } from './service-commands'

describe('parseScaleArgs', () => {
  it('reads NAME=N pairs like docker service scale', () => {
    expect(parseScaleArgs(['web=5', 'api=0'])).toEqual([{ name: 'web', replicas: 5 }, { name: 'api', replicas: 0 }])
  })
  it.each([[['web']], [['web=']], [['=3']], [['web=-1']], [['web=two']], [[]]])('refuses %j', (args) => {
    expect(() => parseScaleArgs(args)).toThrow(ServiceUsageError)
  })
})

describe('parsePublish', () => {
  it.each([
    ['8080:80', { target: 80, published: 8080, protocol: 'tcp', mode: 'ingress' }],
    ['53:53/udp', { target: 53, published: 53, protocol: 'udp', mode: 'ingress' }],
    ['80', { target: 80, published: null, protocol: 'tcp', mode: 'ingress' }],
    ['published=8080,target=80,mode=host', { target: 80, published: 8080, protocol: 'tcp', mode: 'host' }],
    ['target=53,protocol=udp', { target: 53, published: null, protocol: 'udp', mode: 'ingress' }]
  ])('%s', (text, expected) => {
    expect(parsePublish(text)).toEqual(expected)
  })
  it.each(['8080:80/icmp', 'a:b', 'published=1,target=70000', 'target=80,mode=bridge'])('refuses %s', (text) => {
    expect(() => parsePublish(text)).toThrow(ServiceUsageError)
  })
})

describe('applyUpdateFlags', () => {
  const base = { ...emptyServiceDraft(), name: 'web', image: 'web:1', replicas: 2, env: ['A=1', 'B=2'], ports: [{ target: 80, published: 8080, protocol: 'tcp' as const, mode: 'ingress' as const }], constraints: ['node.role == worker'] }
  it('applies each flag as the docker CLI does', () => {
    expect(
      applyUpdateFlags(base, { image: 'web:2', replicas: '3', 'env-add': ['B=3', 'C=4'], 'env-rm': ['A'], 'publish-rm': ['80'], 'publish-add': ['9090:80'], 'constraint-rm': ['node.role==worker'], 'constraint-add': ['node.labels.zone == east'], 'update-parallelism': '2', 'update-delay': '10s', 'update-failure-action': 'rollback', 'limit-memory': '512M' })
    ).toEqual({
      ...base,
      image: 'web:2',
      replicas: 3,
      env: ['B=3', 'C=4'],
      ports: [{ target: 80, published: 9090, protocol: 'tcp', mode: 'ingress' }],
      constraints: ['node.labels.zone == east'],
      update: { ...base.update, parallelism: 2, delay: '10s', failureAction: 'rollback' },
      limits: { cpus: '', memory: '512M' }
    })
  })
  it('null when no field flag is given (only --force or --detach)', () => {
    expect(applyUpdateFlags(base, { force: true, detach: true })).toBeNull()
  })
  it.each([[{ replicas: 'x' }], [{ 'update-failure-action': 'explode' }], [{ 'update-order': 'random' }], [{ 'publish-rm': ['443'] }]])('refuses %j', (flags) => {
    expect(() => applyUpdateFlags(base, flags)).toThrow(ServiceUsageError)
  })
})

describe('convergence', () => {
  const service = (overrides: Partial<Service>): Service => ({
    id: 's', version: 2, name: 'web', image: 'web:2', mode: 'replicated', desiredTasks: 2, runningTasks: 2, stack: null, labels: {}, ports: [], constraints: [],
    placement: { replicas: 2, preferences: [], maxReplicasPerNode: 0, reservations: { nanoCpus: 0, memoryBytes: 0 }, limits: { nanoCpus: 0, memoryBytes: 0 }, platforms: [] },
    updateStatus: null, createdAt: '', updatedAt: '', ...overrides
  } as Service)
  const task = (id: string, image: string, state: Task['state'], error = '', desiredState: Task['desiredState'] = 'running'): Task => ({
    id, version: 1, serviceId: 's', slot: 1, nodeId: 'n', state, desiredState, message: '', error, exitCode: null, containerId: null, image, createdAt: '2026-01-01T00:00:00Z', updatedAt: '', timestamp: '2026-01-01T00:00:00Z'
  })
  it.each<[string, Partial<Service>, Task[], string, RegExp]>([
    ['all running on the new image', {}, [task('a', 'web:2', 'running'), task('b', 'web:2', 'running')], 'converged', /2\/2 running/],
    ['one still on the old image', {}, [task('a', 'web:2', 'running'), task('b', 'web:1', 'running')], 'waiting', /2\/2 running/],
    ['rolling', { updateStatus: { state: 'updating', startedAt: null, completedAt: null, message: '' } }, [task('a', 'web:2', 'running')], 'waiting', /^updating: 1\/2/],
    ['paused with the task error', { updateStatus: { state: 'paused', startedAt: null, completedAt: null, message: 'update paused due to failure' } }, [task('a', 'web:2', 'rejected', 'No such image: web:2')], 'failed', /update paused: update paused due to failure \(task error: No such image: web:2\)/],
    ['rolled back and running', { updateStatus: { state: 'rollback_completed', startedAt: null, completedAt: null, message: '' } }, [task('a', 'web:2', 'running'), task('b', 'web:2', 'running')], 'converged', /rolled back/],
    ['pending tasks', {}, [task('a', 'web:2', 'pending', 'no suitable node'), task('b', 'web:2', 'running')], 'waiting', /1\/2 running; last task error: no suitable node/]
  ])('%s', (_name, overrides, tasks, state, message) => {
    const verdict = convergence(service(overrides), tasks)
    expect(verdict.state).toBe(state)
    expect(verdict.message).toMatch(message)
  })
  it('a removed service fails', () => {
    expect(convergence(undefined, []).state).toBe('failed')
  })
})
