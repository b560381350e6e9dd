import { describe, expect, it } from 'vitest'
import type { Task } from '../../shared/domain'
import { EntityStore } from './entity-store'

const task = (id: string, serviceId: string, state = 'running'): Task => ({ id, serviceId, state }) as unknown as Task

describe('EntityStore', () => {
  it('answers the tasks of one service, through adds, moves and removals', () => {
    const store = new EntityStore()
    store.replaceAll('task', [task('t1', 's1'), task('t2', 's1'), task('t3', 's2')])
    expect(store.tasksOf('s1').map((t) => t.id).sort()).toEqual(['t1', 't2'])
    expect(store.tasksOf('s2').map((t) => t.id)).toEqual(['t3'])
    store.set('task', task('t4', 's2'))
    store.set('task', task('t2', 's2')) // a task id under another service: moved in the index
    expect(store.tasksOf('s1').map((t) => t.id)).toEqual(['t1'])
    expect(store.tasksOf('s2').map((t) => t.id).sort()).toEqual(['t2', 't3', 't4'])
    expect(store.delete('task', 't1')).toBe(true)
    expect(store.tasksOf('s1')).toEqual([])
    expect(store.tasksOf('unknown')).toEqual([])
  })

  it('tells a change from the same value again', () => {
    const store = new EntityStore()
    expect(store.set('task', task('t1', 's1'))).toBe(true)
    expect(store.set('task', task('t1', 's1'))).toBe(false)
    expect(store.set('task', task('t1', 's1', 'failed'))).toBe(true)
    expect(store.get('task', 't1')).toMatchObject({ state: 'failed' })
    expect(store.delete('task', 'nope')).toBe(false)
  })

  it.each([
    ['an older version is kept out (an overlapping read answered last)', 7, 5, false, 'running'],
    ['a newer version is held', 5, 7, true, 'failed'],
    ['the same version with other values is held (a service\'s task counts change without a new version)', 5, 5, true, 'failed']
  ])('%s', (_name, heldVersion, incomingVersion, told, state) => {
    const store = new EntityStore()
    store.set('task', { ...task('t1', 's1'), version: heldVersion } as Task)
    expect(store.set('task', { ...task('t1', 's1', 'failed'), version: incomingVersion } as Task)).toBe(told)
    expect(store.get('task', 't1')).toMatchObject({ state })
  })

  it('a snapshot replaces everything of its kind, index included', () => {
    const store = new EntityStore()
    store.replaceAll('task', [task('t1', 's1')])
    store.replaceAll('task', [task('t2', 's2')])
    expect(store.ids('task')).toEqual(['t2'])
    expect(store.tasksOf('s1')).toEqual([])
    expect(store.values<Task>('task').map((t) => t.serviceId)).toEqual(['s2'])
  })
})
