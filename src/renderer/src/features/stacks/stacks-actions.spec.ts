import { beforeEach, describe, expect, it } from 'vitest'
import type { EventName, EventPayload, ProcedureName } from '../../../../shared/contract'
import { AppError } from '../../../../shared/errors'
import type { DeployResult, StackOperation, StackPlan } from '../../../../shared/stacks'
import type { ApiClient } from '../../api/client'
import { useDeployProgressStore } from './deploy-progress-store'
import { useStackEditorStore } from './stack-editor-store'
import { useStackListStore } from './stack-list-store'
import { deployStack, planEditor, removeStack } from './stacks-actions'

type Handler = (input: Record<string, unknown>, emit: (name: EventName, payload: unknown) => void) => unknown

/** A typed client whose procedures are the given functions; records every call. */
function fakeApi(handlers: Partial<Record<ProcedureName, Handler>>) {
  const calls: { name: ProcedureName; input: Record<string, unknown> }[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const emit = (name: EventName, payload: unknown): void => listeners.get(name)?.forEach((l) => l(payload))
  const api = {
    transport: 'ws',
    async call(name: ProcedureName, input: Record<string, unknown>) {
      calls.push({ name, input })
      const handler = handlers[name]
      if (!handler) throw new Error(`unexpected call ${name}`)
      return handler(input, emit)
    },
    on(name: EventName, listener: (payload: unknown) => void) {
      const set = listeners.get(name) ?? new Set()
      listeners.set(name, set)
      set.add(listener)
      return () => set.delete(listener)
    }
  } as unknown as ApiClient
  return { api, calls, emit, count: (name: ProcedureName) => calls.filter((c) => c.name === name).length }
}

const op = (kind: StackOperation['kind'], name: string): StackOperation => ({
  id: `${kind}:${name}`,
  kind,
  phase: kind.startsWith('network') ? 'networks' : 'services',
  name,
  key: name,
  changes: [],
  restarts: false,
  notes: [],
  blocked: null,
  cli: null
})

function plan(over: Partial<StackPlan> = {}): StackPlan {
  return {
    stack: 'shop',
    ok: true,
    operations: [op('network.create', 'shop_default'), op('service.create', 'shop_web')],
    problems: [],
    summary: { create: 2, update: 0, unchanged: 0, remove: 0, restarting: [], notInFile: [] },
    options: { resolveImage: 'always', prune: false, withRegistryAuth: false },
    variables: [],
    files: ['/srv/docker-compose.yml'],
    cli: 'docker stack deploy -c /srv/docker-compose.yml shop',
    fingerprint: 'fp-1',
    placement: [],
    ...over
  }
}

function result(requestId: string, over: Partial<DeployResult> = {}): DeployResult {
  return {
    requestId,
    plan: plan(),
    applied: true,
    ok: true,
    outcomes: [
      { id: 'network.create:shop_default', status: 'done', message: 'created network shop_default', said: { key: 'stacks.said.outcome.networkCreated', params: { name: 'shop_default' } }, error: null, warnings: [] },
      { id: 'service.create:shop_web', status: 'done', message: 'created service shop_web', said: { key: 'stacks.said.outcome.serviceCreated', params: { name: 'shop_web' } }, error: null, warnings: [] }
    ],
    convergence: [{ service: 'shop_web', state: 'converged', running: 2, desired: 2, message: '2/2 running', said: { key: 'convergence.running', params: { running: 2, desired: 2 } } }],
    warnings: [],
    summary: { done: 2, failed: 0, skipped: 0 },
    ...over
  }
}

const progress = (requestId: string, opId: string, status: EventPayload<'stacks.progress'>['status']): EventPayload<'stacks.progress'> => ({ clusterId: 'c1', requestId, stack: 'shop', opId, status, message: status, said: { key: 'stacks.said.system', params: { text: status } } })

const editor = () => useStackEditorStore.getState()

beforeEach(() => {
  editor().reset()
  useDeployProgressStore.getState().clear()
  useStackListStore.getState().reset()
})

function typeStack(name = 'shop', text = 'services:\n  web:\n    image: web:1\n'): void {
  editor().setName(name)
  editor().setText(0, text)
}

describe('planEditor', () => {
  it('asks nothing while there is no valid name', async () => {
    const fake = fakeApi({})
    typeStack('bad name')
    await planEditor(fake.api, 'c1')
    expect(fake.calls).toEqual([])
    expect(editor().shown).toBeNull()
  })

  it('sends the buffers with their paths and the options, and keeps what the plan was made from', async () => {
    const fake = fakeApi({ 'stacks.plan': () => plan() })
    typeStack()
    editor().setOption('prune', true)
    await planEditor(fake.api, 'c1')
    expect(fake.calls[0]).toEqual({
      name: 'stacks.plan',
      input: { clusterId: 'c1', stack: 'shop', source: { files: [{ path: 'docker-compose.yml', text: 'services:\n  web:\n    image: web:1\n', unsaved: true }] }, useDotEnv: false, resolveImage: 'always', prune: true, withRegistryAuth: false }
    })
    expect(editor().shown).toMatchObject({ clusterId: 'c1', files: ['docker-compose.yml'], plan: { fingerprint: 'fp-1' } })
    expect(editor().planningKey).toBeNull()

    await planEditor(fake.api, 'c1')
    expect(fake.count('stacks.plan')).toBe(1)
    await planEditor(fake.api, 'c1', true)
    expect(fake.count('stacks.plan')).toBe(2)
  })

  it('drops the answer to an older question', async () => {
    let release: (p: StackPlan) => void = () => undefined
    const slow = new Promise<StackPlan>((resolve) => (release = resolve))
    const fake = fakeApi({ 'stacks.plan': (input) => ((input.source as { files: { text: string }[] }).files[0].text === 'old' ? slow : plan({ fingerprint: 'new' })) })
    typeStack('shop', 'old')
    const first = planEditor(fake.api, 'c1')
    editor().setText(0, 'new')
    await planEditor(fake.api, 'c1')
    release(plan({ fingerprint: 'old' }))
    await first
    expect(editor().shown?.plan.fingerprint).toBe('new')
  })

  it('keeps the error of the current question', async () => {
    const fake = fakeApi({
      'stacks.plan': () => {
        throw new AppError('UNAVAILABLE', 'reconnecting')
      }
    })
    typeStack()
    await planEditor(fake.api, 'c1')
    expect(editor().planError?.error.code).toBe('UNAVAILABLE')
    expect(editor().planningKey).toBeNull()
  })
})

describe('deployStack', () => {
  it('deploys exactly the plan shown, follows its own progress events, then plans again', async () => {
    let sent: Record<string, unknown> = {}
    const fake = fakeApi({
      'stacks.plan': () => plan(),
      'stacks.list': () => [],
      'stacks.deploy': (input, emit) => {
        sent = input
        const id = String(input.requestId)
        emit('stacks.progress', progress('someone-else', 'service.create:shop_web', 'failed'))
        emit('stacks.progress', progress(id, 'network.create:shop_default', 'running'))
        expect(useDeployProgressStore.getState().rows.map((r) => r.status)).toEqual(['running', 'pending', 'pending'])
        emit('stacks.progress', progress(id, 'network.create:shop_default', 'done'))
        return result(id)
      }
    })
    typeStack()
    await planEditor(fake.api, 'c1')
    const request = editor().shown?.request
    await deployStack(fake.api, 'c1')

    expect(sent).toMatchObject({ ...request, clusterId: 'c1', wait: true, expectFingerprint: 'fp-1' })
    expect(typeof sent.requestId).toBe('string')
    const state = useDeployProgressStore.getState()
    expect(state.running).toBe(false)
    expect(state.planChanged).toBe(false)
    expect(state.rows.map((r) => [r.id, r.status])).toEqual([
      ['network.create:shop_default', 'done'],
      ['service.create:shop_web', 'done'],
      ['wait:shop_web', 'done']
    ])
    expect(fake.count('stacks.plan')).toBe(2)
    expect(fake.count('stacks.list')).toBe(1)
  })

  it("a redeploy's subtitle follows the deploy just made, not the one the editor was opened from", async () => {
    const fake = fakeApi({
      'stacks.plan': () => plan(),
      'stacks.list': () => [],
      'stacks.deploy': (input) => result(String(input.requestId)),
      'stacks.lastDeployed': () => ({ stack: 'shop', deployedAt: '2026-12-06T07:20:00.000Z', files: [], options: { useDotEnv: false, resolveImage: 'always', prune: false } })
    })
    editor().load({ name: 'shop', buffers: [{ path: '/srv/stack.yml', text: 'services:\n  web:\n    image: web:1\n' }], options: {}, origin: { stack: 'shop', deployedAt: '2026-12-01T10:00:00.000Z' } })
    await planEditor(fake.api, 'c1')
    await deployStack(fake.api, 'c1')
    expect(editor().origin).toEqual({ stack: 'shop', deployedAt: '2026-12-06T07:20:00.000Z' })
    expect(fake.count('stacks.lastDeployed')).toBe(1)
  })

  it('says so and plans again when main finds the plan changed', async () => {
    const fake = fakeApi({
      'stacks.plan': () => plan(),
      'stacks.list': () => [],
      'stacks.deploy': (input) =>
        result(String(input.requestId), {
          applied: false,
          ok: false,
          outcomes: [],
          convergence: null,
          plan: plan({ ok: false, problems: [{ severity: 'error', code: 'plan-changed', subject: '', message: 'the plan changed', said: { key: 'stacks.said.problem.planChanged' }, fix: null, fixSaid: null, path: null, location: null }] })
        })
    })
    typeStack()
    await planEditor(fake.api, 'c1')
    await deployStack(fake.api, 'c1')
    expect(useDeployProgressStore.getState().planChanged).toBe(true)
    expect(useDeployProgressStore.getState().rows.every((r) => r.status === 'skipped')).toBe(true)
    expect(fake.count('stacks.plan')).toBe(2)
  })

  it('sends nothing for a blocked plan, an outdated one, or another cluster', async () => {
    const fake = fakeApi({ 'stacks.plan': () => plan({ ok: false }) })
    typeStack()
    await planEditor(fake.api, 'c1')
    await deployStack(fake.api, 'c1')
    expect(fake.count('stacks.deploy')).toBe(0)

    const ok = fakeApi({ 'stacks.plan': () => plan() })
    await planEditor(ok.api, 'c1', true)
    await deployStack(ok.api, 'c2')
    editor().startPlan('something newer')
    await deployStack(ok.api, 'c1')
    expect(ok.count('stacks.deploy')).toBe(0)
  })
})

describe('removeStack', () => {
  it('removes the stack of the dialog and goes back to the list', async () => {
    const fake = fakeApi({
      'stacks.remove': () => ({ stack: 'shop', found: true, ok: true, removed: [], keptVolumes: ['shop_data'], notes: [], cli: 'docker stack rm shop' }),
      'stacks.list': () => []
    })
    useStackListStore.getState().show({ kind: 'stack', name: 'shop' })
    useStackListStore.getState().askRemove('shop')
    await removeStack(fake.api, 'c1')
    const list = useStackListStore.getState()
    expect(fake.calls[0]).toEqual({ name: 'stacks.remove', input: { clusterId: 'c1', stack: 'shop' } })
    expect(list.removeTarget).toBeNull()
    expect(list.removeResult?.keptVolumes).toEqual(['shop_data'])
    expect(list.view).toEqual({ kind: 'list' })
  })

  it('keeps the dialog open with the error', async () => {
    const fake = fakeApi({
      'stacks.remove': () => {
        throw new AppError('UNAVAILABLE', 'no quorum')
      },
      'stacks.list': () => []
    })
    useStackListStore.getState().askRemove('shop')
    await removeStack(fake.api, 'c1')
    expect(useStackListStore.getState().removeTarget).toBe('shop')
    expect(useStackListStore.getState().removeError?.code).toBe('UNAVAILABLE')
  })
})

describe('editor store: files opened from disk and files that were never on disk', () => {
  beforeEach(() => useStackEditorStore.getState().reset())

  it('openFile fills the blank buffer with the real path, then adds further files as overrides', () => {
    useStackEditorStore.getState().openFile({ path: '/srv/shop/base.yml', text: 'services: {}\n' })
    useStackEditorStore.getState().openFile({ path: '/srv/shop/override.yml', text: 'x: 1\n' })
    const s = useStackEditorStore.getState()
    expect(s.buffers.map((b) => [b.path, b.text])).toEqual([
      ['/srv/shop/base.yml', 'services: {}\n'],
      ['/srv/shop/override.yml', 'x: 1\n']
    ])
    expect([s.mode, s.active]).toEqual(['editor', 1])
  })

  it('load gives an unsaved file no path back (main resolved its made-up name against its own directory)', () => {
    useStackEditorStore.getState().load({ name: 'shop', buffers: [{ path: '/app/cwd/docker-compose.yml', text: 'a: 1', unsaved: true }, { path: '/srv/b.yml', text: 'b: 2' }], options: {}, origin: null })
    expect(useStackEditorStore.getState().buffers.map((b) => b.path)).toEqual(['', '/srv/b.yml'])
  })
})
