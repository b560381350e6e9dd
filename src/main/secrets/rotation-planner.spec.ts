import { describe, expect, it } from 'vitest'
import type { LiveService } from '../stacks/live-shapes'
import { planRotation, updatePolicyOf, type PlanInput } from './rotation-planner'

function svc(id: string, name: string, opts: { refs?: { target: string; mode?: number; uid?: string }[]; replicas?: number; global?: boolean; update?: Record<string, unknown>; status?: string; stack?: string; kind?: 'secret' | 'config' } = {}): LiveService {
  const refs = (opts.refs ?? [{ target: 'tok' }]).map((r) => ({
    [opts.kind === 'config' ? 'ConfigID' : 'SecretID']: 'OLD',
    [opts.kind === 'config' ? 'ConfigName' : 'SecretName']: 'tok',
    File: { Name: r.target, UID: r.uid ?? '0', GID: '0', Mode: r.mode ?? 0o444 }
  }))
  return {
    ID: id,
    Version: { Index: 10 },
    Spec: {
      Name: name,
      Labels: opts.stack ? { 'com.docker.stack.namespace': opts.stack } : {},
      Mode: opts.global ? { Global: {} } : { Replicated: { Replicas: opts.replicas ?? 2 } },
      TaskTemplate: { ContainerSpec: { Image: 'img', [opts.kind === 'config' ? 'Configs' : 'Secrets']: refs } },
      ...(opts.update ? { UpdateConfig: opts.update } : {})
    },
    UpdateStatus: opts.status ? { State: opts.status, Message: 'update paused due to failure' } : null
  } as unknown as LiveService
}

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    kind: 'secret',
    object: { id: 'OLD', name: 'tok', version: 3, labels: {}, driverBacked: false },
    services: [svc('s2', 'web', { replicas: 3 }), svc('s1', 'api', { refs: [{ target: 'a' }, { target: '/etc/b', mode: 0o400, uid: '1000' }] }), svc('s9', 'unrelated', { refs: [] })],
    existingNames: ['tok', 'other'],
    options: { startFirst: false, startFirstServices: [], removeOld: true },
    value: { bytes: 12, identity: 'different' },
    extraLabels: {},
    unfinishedRotations: [],
    stackFile: null,
    ...overrides
  }
}

describe('planRotation', () => {
  it('plans every consumer in name order with its references and the docker CLI equivalents', () => {
    const plan = planRotation(input())
    expect(plan.refusals).toEqual([])
    expect(plan.newName).toBe('tok_v2')
    expect(plan.consumers.map((c) => [c.serviceName, c.references.length, c.order])).toEqual([
      ['api', 2, 'stop-first'],
      ['web', 1, 'stop-first']
    ])
    expect(plan.cli).toEqual([
      'docker secret create --label com.swarmdesk.rotated-from=tok tok_v2 -',
      'docker service update --secret-rm tok --secret-add source=tok_v2,target=a,uid=0,gid=0,mode=0444 --secret-add source=tok_v2,target=/etc/b,uid=1000,gid=0,mode=0400 api',
      'docker service update --secret-rm tok --secret-add source=tok_v2,target=tok,uid=0,gid=0,mode=0444 web',
      'docker secret rm tok'
    ])
    expect(plan.steps.map((s) => `${s.kind} ${s.subject}`)).toEqual(['create tok_v2', 'update api', 'converge api', 'update web', 'converge web', 'remove-old tok'])
    expect(plan.identity).toBe('different')
  })

  it('keeps the stack label and says the stack file must change', () => {
    const plan = planRotation(input({ object: { id: 'OLD', name: 'shop_tok', version: 1, labels: { 'com.docker.stack.namespace': 'shop', team: 'a' }, driverBacked: false }, existingNames: ['shop_tok'] }))
    expect(plan.newLabels).toEqual({ 'com.docker.stack.namespace': 'shop', team: 'a', 'com.swarmdesk.rotated-from': 'shop_tok' })
    expect(plan.warnings.map((w) => w.code)).toContain('STACK_FILE')
    expect(plan.warnings.find((w) => w.code === 'STACK_FILE')?.message).toMatch(/no deployed file/)
    const withFile = planRotation(input({ object: { id: 'OLD', name: 'shop_tok', version: 1, labels: { 'com.docker.stack.namespace': 'shop' }, driverBacked: false }, stackFile: { stack: 'shop', path: '/s/c.yml', key: 'tok', text: 'x' } }))
    expect(withFile.stackFiles).toHaveLength(1)
    expect(withFile.warnings.find((w) => w.code === 'STACK_FILE')?.message).toMatch(/\/s\/c.yml/)
  })

  it('offers start-first globally or per service and shows --update-order', () => {
    const all = planRotation(input({ options: { startFirst: true, startFirstServices: [], removeOld: false } }))
    expect(all.consumers.map((c) => c.order)).toEqual(['start-first', 'start-first'])
    expect(all.cli[1]).toContain('--update-order start-first api')
    const one = planRotation(input({ options: { startFirst: false, startFirstServices: ['s2'], removeOld: false } }))
    expect(one.consumers.map((c) => c.order)).toEqual(['stop-first', 'start-first'])
    expect(one.steps.at(-1)?.kind).toBe('converge')
  })

  const refusals: [string, Partial<PlanInput>, string][] = [
    ['empty value', { value: { bytes: 0, identity: 'different' } }, 'EMPTY_VALUE'],
    ['too large', { value: { bytes: 500 * 1024 + 1, identity: 'different' } }, 'VALUE_TOO_LARGE'],
    ['identical value', { value: { bytes: 3, identity: 'identical' } }, 'IDENTICAL_VALUE'],
    ['name clash', { options: { newName: 'other', startFirst: false, startFirstServices: [], removeOld: false } }, 'NAME_CLASH'],
    ['same name', { options: { newName: 'tok', startFirst: false, startFirstServices: [], removeOld: false } }, 'NAME_CLASH'],
    ['invalid name', { options: { newName: 'bad name', startFirst: false, startFirstServices: [], removeOld: false } }, 'NAME_INVALID'],
    ['nobody uses it', { services: [svc('s9', 'unrelated', { refs: [] })] }, 'NO_CONSUMERS'],
    ['paused consumer', { services: [svc('s1', 'api', { status: 'paused' })] }, 'UPDATE_PAUSED'],
    ['rollback paused consumer', { services: [svc('s1', 'api', { status: 'rollback_paused' })] }, 'UPDATE_PAUSED'],
    ['consumer mid-update', { services: [svc('s1', 'api', { status: 'updating' })] }, 'UPDATE_IN_PROGRESS'],
    ['unfinished rotation', { unfinishedRotations: [{ id: 'r1' }] }, 'ROTATION_IN_PROGRESS'],
    ['driver-backed', { object: { id: 'OLD', name: 'tok', version: 1, labels: {}, driverBacked: true } }, 'DRIVER_BACKED']
  ]
  for (const [name, overrides, code] of refusals) {
    it(`refuses: ${name}`, () => {
      const plan = planRotation(input(overrides))
      expect(plan.refusals.map((r) => r.code)).toEqual([code])
    })
  }

  it('names the paused service and the engine message', () => {
    const plan = planRotation(input({ services: [svc('s1', 'api', { status: 'paused' })] }))
    expect(plan.refusals[0]).toMatchObject({ subject: 'api' })
    expect(plan.refusals[0].message).toContain('update paused due to failure')
  })

  it('warns about single stop-first tasks, failure_action continue, jobs, and a value it cannot compare', () => {
    const plan = planRotation(input({
      services: [svc('s1', 'one', { replicas: 1 }), svc('s2', 'cont', { update: { Parallelism: 1, FailureAction: 'continue' } }), svc('s3', 'glob', { global: true })],
      value: { bytes: 5, identity: 'unknown' }
    }))
    expect(plan.warnings.map((w) => `${w.code} ${w.subject}`).sort()).toEqual(['IDENTITY_UNKNOWN tok', 'SINGLE_TASK_STOP_FIRST one', 'UPDATE_FAILURE_ACTION cont'])
    // a global service with a single eligible node has a single task too
    const lone = svc('s4', 'lone', { global: true })
    lone.ServiceStatus = { DesiredTasks: 1, RunningTasks: 1 }
    expect(planRotation(input({ services: [lone] })).warnings.map((w) => `${w.code} ${w.subject}`)).toEqual(['SINGLE_TASK_STOP_FIRST lone'])
    expect(plan.identity).toBe('unknown')
  })

  it('without a value, checks everything else and says the value is not checked', () => {
    const plan = planRotation(input({ value: null }))
    expect(plan.refusals).toEqual([])
    expect(plan.identity).toBe('not-checked')
  })

  it('changes its fingerprint when a consumer, the object or the choices change, not otherwise', () => {
    const a = planRotation(input()).fingerprint
    expect(planRotation(input()).fingerprint).toBe(a)
    const moved = input()
    moved.services[0] = { ...moved.services[0], Version: { Index: 11 } }
    expect(planRotation(moved).fingerprint).not.toBe(a)
    expect(planRotation(input({ object: { id: 'OLD', name: 'tok', version: 4, labels: {}, driverBacked: false } })).fingerprint).not.toBe(a)
    expect(planRotation(input({ options: { startFirst: true, startFirstServices: [], removeOld: true } })).fingerprint).not.toBe(a)
  })

  it('plans configs with --config flags, and runtime targets without a file', () => {
    const config = svc('c1', 'app', { kind: 'config', refs: [{ target: '/etc/app.conf' }] })
    ;((config.Spec.TaskTemplate as { ContainerSpec: { Configs: unknown[] } }).ContainerSpec.Configs).push({ ConfigID: 'OLD', ConfigName: 'tok', Runtime: {} })
    const plan = planRotation(input({ kind: 'config', services: [config] }))
    expect(plan.cli[1]).toBe('docker service update --config-rm tok --config-add source=tok_v2,target=/etc/app.conf,uid=0,gid=0,mode=0444 --config-add source=tok_v2 app')
    expect(plan.cli[0]).toMatch(/^docker config create /)
  })
})

describe('updatePolicyOf', () => {
  it('uses swarmkit defaults without UpdateConfig, and reads the fields when present', () => {
    expect(updatePolicyOf({})).toEqual({ parallelism: 1, delaySeconds: 0, failureAction: 'pause', monitorSeconds: 5, maxFailureRatio: 0, order: 'stop-first' })
    expect(updatePolicyOf({ UpdateConfig: { Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 2e9, MaxFailureRatio: 0.5, Order: 'start-first' } })).toEqual({
      parallelism: 2, delaySeconds: 10, failureAction: 'rollback', monitorSeconds: 2, maxFailureRatio: 0.5, order: 'start-first'
    })
    // an UpdateConfig without Parallelism means 0: all tasks at once
    expect(updatePolicyOf({ UpdateConfig: { Order: 'stop-first' } }).parallelism).toBe(0)
  })
})
