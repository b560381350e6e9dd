import { describe, expect, it } from 'vitest'
import type { PlanProblem, StackOperation, StackOperationKind, StackPlan } from '../../../../shared/stacks'
import { changesSomething, groupOperations, isActionable, objectOf, placementOf, placementVerdict, planCounts, problemsOf, shownValue, toneOf, unplaceable, verbOf } from './plan-groups'

const op = (kind: StackOperationKind, name: string, over: Partial<StackOperation> = {}): StackOperation => {
  const phase = kind === 'service.remove' ? 'prune' : kind.startsWith('network') ? 'networks' : kind.startsWith('secret') ? 'secrets' : kind.startsWith('config') ? 'configs' : 'services'
  return { id: `${kind}:${name}`, kind, phase, name, key: name, changes: [], restarts: false, notes: [], blocked: null, cli: null, ...over }
}

/** A blocked reason; only its presence matters here. */
const reason = (message: string) => ({ message, said: { key: 'stacks.said.blocked.modeChange' } })

const problem = (over: Partial<PlanProblem>): PlanProblem => ({ severity: 'error', code: 'compose', subject: '', message: 'm', said: { key: 'stacks.said.system', params: { text: 'm' } }, fix: null, fixSaid: null, path: null, location: null, ...over })

function plan(operations: StackOperation[], problems: PlanProblem[] = []): StackPlan {
  return {
    stack: 's',
    ok: !problems.some((p) => p.severity === 'error'),
    operations,
    problems,
    summary: { create: 1, update: 1, unchanged: 1, remove: 0, restarting: ['s_web'], notInFile: [] },
    options: { resolveImage: 'always', prune: false, withRegistryAuth: false },
    variables: [],
    files: [],
    cli: '',
    fingerprint: 'f',
    placement: []
  }
}

describe('kinds', () => {
  it.each<[StackOperationKind, string, string, boolean]>([
    ['service.create', 'service', 'create', true],
    ['service.unchanged', 'service', 'unchanged', false],
    ['service.remove', 'service', 'remove', true],
    ['network.unchanged', 'network', 'unchanged', false],
    ['secret.content-changed', 'secret', 'content-changed', false],
    ['config.update-labels', 'config', 'update-labels', true]
  ])('%s', (kind, object, verb, actionable) => {
    expect(objectOf(kind)).toBe(object)
    expect(verbOf(kind)).toBe(verb)
    expect(isActionable({ kind })).toBe(actionable)
  })

  it.each<[StackOperation, string]>([
    [op('service.create', 'a'), 'create'],
    [op('service.update', 'a', { restarts: true }), 'restart'],
    [op('service.update', 'a'), 'change'],
    [op('service.update', 'a', { blocked: reason('mode change') }), 'blocked'],
    [op('config.update-labels', 'a'), 'change'],
    [op('service.remove', 'a'), 'remove'],
    [op('network.unchanged', 'a'), 'none'],
    [op('secret.content-changed', 'a', { blocked: reason('immutable') }), 'blocked']
  ])('tone of %j', (o, tone) => {
    expect(toneOf(o)).toBe(tone)
  })
})

describe('groupOperations', () => {
  it('orders the phases like a deploy runs them and drops empty ones', () => {
    const groups = groupOperations([op('service.create', 's_web'), op('network.create', 's_default'), op('service.unchanged', 's_db'), op('service.remove', 's_old')])
    expect(groups.map((g) => [g.phase, g.operations.map((o) => o.name), g.active])).toEqual([
      ['prune', ['s_old'], 1],
      ['networks', ['s_default'], 1],
      ['services', ['s_web', 's_db'], 1]
    ])
  })
  it('is empty without operations', () => {
    expect(groupOperations([])).toEqual([])
  })
})

describe('problems and counts', () => {
  const blocked = op('network.create', 's_front', { blocked: reason('exists outside') })
  const p = plan(
    [blocked, op('service.create', 's_web')],
    [
      problem({ subject: 's_front', code: 'network-name-conflict', fix: 'declare it external' }),
      problem({ subject: 's_front', severity: 'warning' }),
      problem({ subject: '', message: 'stack-wide' })
    ]
  )
  it('finds the errors of an operation', () => {
    expect(problemsOf(p, blocked).map((x) => x.fix)).toEqual(['declare it external'])
    expect(problemsOf(p, { name: 's_web' })).toEqual([])
  })
  it('counts', () => {
    expect(planCounts(p)).toEqual({ create: 1, update: 1, unchanged: 1, remove: 0, blocked: 1, errors: 2, warnings: 1, restarting: ['s_web'] })
  })
  it('changesSomething', () => {
    expect(changesSomething(p)).toBe(true)
    expect(changesSomething(plan([op('service.unchanged', 'a'), op('network.unchanged', 'b')]))).toBe(false)
  })
  it.each([
    [null, '(none)'],
    ['', '""'],
    ['web:1', 'web:1']
  ])('shownValue(%j)', (value, shown) => {
    expect(shownValue(value, '(none)')).toBe(shown)
  })
})

describe('placement', () => {
  const entry = (name: string, eligible: string[], pendingTasks: number) => ({ key: name, name, eligible, nodes: 5, pendingTasks, explanation: null, unsuitable: null, warnings: [] })
  const p = { placement: [entry('s_web', ['worker1', 'worker2'], 0), entry('s_gpu', [], 2), entry('s_big', ['worker1'], 1)] }
  it.each([
    ['s_web', 'ok'],
    ['s_gpu', 'nowhere'],
    ['s_big', 'pending']
  ])('%s is %s', (name, verdict) => {
    const found = placementOf(p, { name, phase: 'services' })
    expect(found && placementVerdict(found)).toBe(verdict)
  })
  it('only for services, only when known', () => {
    expect(placementOf(p, { name: 's_web', phase: 'networks' })).toBeNull()
    expect(placementOf(p, { name: 's_other', phase: 'services' })).toBeNull()
  })
  it('lists the services that would not be fully placed', () => {
    expect(unplaceable(p)).toEqual(['s_gpu', 's_big'])
  })
})
