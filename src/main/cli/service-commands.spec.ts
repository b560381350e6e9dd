import { describe, expect, it } from 'vitest'
import { emptyServiceDraft } from '../../shared/services'
import { phrase } from '../../shared/phrase'
import { applyUpdateFlags, commandConvergence, parsePublish, parseScaleArgs, serviceGoal, ServiceUsageError } from './service-commands'

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

describe('the wait of scale, update and rollback', () => {
  // The verdict's cases are in rollouts/convergence.spec.ts (voice service); here, the goal and the output.
  it('waits for the mirror to show the change, the service image on every task, and the grace period', () => {
    expect(serviceGoal(7, 1000)).toEqual({ voice: 'service', afterVersion: 7, startGrace: { since: 1000 }, engineRollback: 'converges' })
  })
  it('prints paused, rolled back by the engine, removed and timed out as failed', () => {
    const base = { running: 0, desired: 2, said: phrase('convergence.service-disappeared'), lastTaskError: null, taskError: null, recheckAt: null }
    expect(commandConvergence({ ...base, state: 'converged', message: '2/2 running' })).toEqual({ state: 'converged', message: '2/2 running' })
    for (const state of ['paused', 'rolled-back', 'failed', 'timeout'] as const) expect(commandConvergence({ ...base, state, message: 'm' })).toEqual({ state: 'failed', message: 'm' })
  })
})
