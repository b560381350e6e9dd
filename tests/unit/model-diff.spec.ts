import { describe, expect, it } from 'vitest'
import { modelFromSnapshot, type MirrorModel } from '../../src/shared/mirror-model'
import type { Snapshot } from '../../src/shared/domain'
import { testService, testTask } from '../support/mirror-feed'
import { compareModels, deepDiff, describeDifferences, type Difference } from '../support/model-diff'

describe('deepDiff', () => {
  it.each<[string, unknown, unknown, Difference[]]>([
    ['equal scalars', 3, 3, []],
    ['different scalars', 3, 4, [{ path: '', mirror: 3, fresh: 4 }]],
    ['NaN equals NaN', Number.NaN, Number.NaN, []],
    ['null against an object', null, { a: 1 }, [{ path: '', mirror: null, fresh: { a: 1 } }]],
    ['equal nested objects', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x' }] } }, []],
    ['a changed leaf deep down', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } }, [{ path: 'a.b[1].c', mirror: 'x', fresh: 'y' }]],
    ['a key only the mirror has', { a: 1, b: 2 }, { a: 1 }, [{ path: 'b', mirror: 2, fresh: undefined }]],
    ['a key only the snapshot has', { a: 1 }, { a: 1, z: { y: 1 } }, [{ path: 'z', mirror: undefined, fresh: { y: 1 } }]],
    ['an undefined key is an absent key (JSON drops it)', { a: 1, b: undefined }, { a: 1 }, []],
    ['arrays of different lengths', { l: [1, 2, 3] }, { l: [1] }, [{ path: 'l[1]', mirror: 2, fresh: undefined }, { path: 'l[2]', mirror: 3, fresh: undefined }]],
    ['an order change in an array', { l: ['a', 'b'] }, { l: ['b', 'a'] }, [{ path: 'l[0]', mirror: 'a', fresh: 'b' }, { path: 'l[1]', mirror: 'b', fresh: 'a' }]],
    ['an array against an object', { l: [] }, { l: {} }, [{ path: 'l', mirror: [], fresh: {} }]],
    ['label keys with dots are quoted', { labels: { 'com.docker.stack.namespace': 'a' } }, { labels: { 'com.docker.stack.namespace': 'b' } }, [{ path: 'labels["com.docker.stack.namespace"]', mirror: 'a', fresh: 'b' }]],
    ['several differences in key order', { b: 1, a: 1 }, { a: 2, b: 2 }, [{ path: 'a', mirror: 1, fresh: 2 }, { path: 'b', mirror: 1, fresh: 2 }]]
  ])('%s', (_name, mirror, fresh, expected) => {
    expect(deepDiff(mirror, fresh)).toEqual(expected)
  })
})

const swarm = {
  swarmId: 'sw', createdAt: '', nodeId: 'n1', nodeAddress: '10.0.0.1', engineVersion: '20.10', apiVersion: '1.41', engineName: 'manager1', os: 'linux',
  managers: 1, nodes: 1, defaultAddrPool: ['10.0.0.0/8'], dataPathPort: 4789, autolock: false, taskHistoryLimit: 5, certExpirySeconds: 7776000
}
const snapshot = (extra: Partial<Snapshot> = {}): Snapshot => ({
  swarm, nodes: [], services: [testService()], tasks: [testTask('t1', 'pending')], tasksLoaded: true, secrets: [], configs: [], networks: [], events: [], seq: 0, takenAt: '', ...extra
})
const model = (extra: Partial<Snapshot> = {}, more: Partial<MirrorModel> = {}): MirrorModel => ({ ...modelFromSnapshot(snapshot(extra)), ...more })

describe('compareModels', () => {
  it.each<[string, MirrorModel, MirrorModel, string[]]>([
    ['the same cluster', model(), model(), []],
    ['different sequence numbers and event feeds are not the cluster', model({ seq: 812 }, { events: [{ key: 'k', time: '', type: 'service', action: 'update', actorId: 's1', actorName: 'web', attributes: {} }] }), model({ seq: 0 }), []],
    ['a service left at an old version', model({ services: [testService({ version: 9, labels: { a: '1' } })] }), model({ services: [testService({ version: 12, labels: { a: '2' } })] }), ['services.s1.labels.a', 'services.s1.version']],
    ['a task the mirror never heard was removed', model({ tasks: [testTask('t1', 'pending'), testTask('t2', 'shutdown')] }), model(), ['tasks.t2']],
    ['a task the mirror never got', model(), model({ tasks: [testTask('t1', 'pending'), testTask('t3', 'pending')] }), ['tasks.t3']],
    ['a task whose state drifted', model({ tasks: [testTask('t1', 'pending')] }), model({ tasks: [testTask('t1', 'running', { version: 2 })] }), ['tasks.t1.state', 'tasks.t1.version']],
    ['swarm facts', model({ swarm: { ...swarm, managers: 1 } }), model({ swarm: { ...swarm, managers: 3 } }), ['swarm.managers']],
    ['a task of a removed service that only the engine still lists is set apart', model(), model({ tasks: [testTask('t1', 'pending'), testTask('t9', 'running', { serviceId: 'gone', desiredState: 'remove' })] }), []],
    ['a task of a service the mirror still holds is compared', model(), model({ tasks: [testTask('t1', 'pending'), testTask('t9', 'running', { desiredState: 'remove' })] }), ['tasks.t9']],
    ['a collection the model gains later is compared too', { ...model(), volumes: { v1: { id: 'v1' } } } as MirrorModel, model(), ['volumes']]
  ])('%s', (_name, mirror, fresh, paths) => {
    expect(compareModels(mirror, fresh).map((d) => d.path)).toEqual(paths)
  })
})

describe('orphan tasks', () => {
  it('are counted apart, from either side', () => {
    const mirror = model({ tasks: [testTask('t1', 'pending'), testTask('t8', 'running', { serviceId: 'gone' })] })
    const fresh = model({ tasks: [testTask('t1', 'pending'), testTask('t9', 'running', { serviceId: 'gone' })] })
    const differences = compareModels(mirror, fresh)
    expect([...differences]).toEqual([])
    expect(differences.orphans).toEqual(['t8', 't9'])
  })
})

describe('describeDifferences', () => {
  it('writes one line per difference, then how many were left out', () => {
    const text = describeDifferences(
      [
        { path: 'a', mirror: 1, fresh: 2 },
        { path: 'b', mirror: 'x', fresh: undefined },
        { path: 'c', mirror: null, fresh: true }
      ],
      2
    )
    expect(text).toBe('a: mirror 1 / fresh 2\nb: mirror "x" / fresh undefined\n... and 1 more')
  })
})
