import { describe, expect, it } from 'vitest'
import { english } from '../i18n/english'
import type { RotationRecord } from '../../shared/secrets'
import { french } from '../../../tests/support/french'
import { remainingToResume, remainingToRollBack, type LiveRotationState, type RotationAction } from './rotation-remaining'

type ServiceState = RotationRecord['services'][number]['state']

function journal(a: ServiceState, b: ServiceState, removeOld = true) {
  const svc = (id: string, state: ServiceState) => ({ serviceId: id, serviceName: id, references: [{ target: 't', uid: '0', gid: '0', mode: 0o444 }], order: 'stop-first' as const, state })
  return { kind: 'secret' as const, old: { id: 'OLD', name: 'tok' }, new: { id: null, name: 'tok_v2' }, removeOld, services: [svc('a', a), svc('b', b)] }
}

/** a, b: which version each service mounts now. */
function live(newExists: boolean, a: 'old' | 'new', b: 'old' | 'new', oldExists = true, extra: Partial<LiveRotationState> = {}): LiveRotationState {
  const refs = (v: 'old' | 'new') => ({ exists: true, onOld: v === 'old' ? 1 : 0, onNew: v === 'new' ? 1 : 0 })
  return { oldExists, newId: newExists ? 'NEW' : null, newNameTaken: false, services: { a: refs(a), b: refs(b) }, otherUsersOfOld: [], otherUsersOfNew: [], ...extra }
}

const short = (actions: RotationAction[]) => actions.map((a) => ('serviceId' in a ? `${a.kind} ${a.serviceId}` : a.kind))

// Every crash point of a rotation of two services with --remove-old, including a crash between an
// engine call and its journal line (the live state is ahead of the journal).
const crashPoints: { point: string; journal: ReturnType<typeof journal>; live: LiveRotationState; resume: string[]; rollback: string[] | string }[] = [
  { point: 'journal written, nothing created', journal: journal('pending', 'pending'), live: live(false, 'old', 'old'),
    resume: ['create', 'update a', 'converge a', 'update b', 'converge b', 'remove-old'], rollback: [] },
  { point: 'new version created, not yet journaled', journal: journal('pending', 'pending'), live: live(true, 'old', 'old'),
    resume: ['update a', 'converge a', 'update b', 'converge b', 'remove-old'], rollback: ['remove-new'] },
  { point: 'a updated (journaled or not)', journal: journal('pending', 'pending'), live: live(true, 'new', 'old'),
    resume: ['converge a', 'update b', 'converge b', 'remove-old'], rollback: ['revert a', 'revert-converge a', 'remove-new'] },
  { point: 'a updated, journaled', journal: journal('updated', 'pending'), live: live(true, 'new', 'old'),
    resume: ['converge a', 'update b', 'converge b', 'remove-old'], rollback: ['revert a', 'revert-converge a', 'remove-new'] },
  { point: 'a converged', journal: journal('converged', 'pending'), live: live(true, 'new', 'old'),
    resume: ['update b', 'converge b', 'remove-old'], rollback: ['revert a', 'revert-converge a', 'remove-new'] },
  { point: 'b updated', journal: journal('converged', 'updated'), live: live(true, 'new', 'new'),
    resume: ['converge b', 'remove-old'], rollback: ['revert b', 'revert-converge b', 'revert a', 'revert-converge a', 'remove-new'] },
  { point: 'b converged', journal: journal('converged', 'converged'), live: live(true, 'new', 'new'),
    resume: ['remove-old'], rollback: ['revert b', 'revert-converge b', 'revert a', 'revert-converge a', 'remove-new'] },
  { point: 'old removed', journal: journal('converged', 'converged'), live: live(true, 'new', 'new', false),
    resume: [], rollback: 'ROLLBACK_IMPOSSIBLE' },
  // crashes in the middle of an automatic rollback
  { point: 'rolling back: b reverted, a not yet', journal: journal('converged', 'updated'), live: live(true, 'new', 'old'),
    resume: ['update b', 'converge b', 'remove-old'], rollback: ['revert-converge b', 'revert a', 'revert-converge a', 'remove-new'] },
  { point: 'rolling back: both reverted, new not removed', journal: journal('reverted', 'reverted'), live: live(true, 'old', 'old'),
    resume: ['update a', 'converge a', 'update b', 'converge b', 'remove-old'], rollback: ['remove-new'] }
]

describe('what is left after a crash', () => {
  for (const c of crashPoints) {
    it(`${c.point}: resume`, () => {
      const r = remainingToResume(c.journal, c.live)
      expect(r.blocked).toBeNull()
      expect(short(r.actions)).toEqual(c.resume)
    })
    it(`${c.point}: roll back`, () => {
      const r = remainingToRollBack(c.journal, c.live, { keepNew: false })
      if (typeof c.rollback === 'string') {
        expect(r.blocked?.code).toBe(c.rollback)
        expect(r.actions).toEqual([])
      } else {
        expect(r.blocked).toBeNull()
        expect(short(r.actions)).toEqual(c.rollback)
      }
    })
  }

  it('keeps the new version when asked', () => {
    expect(short(remainingToRollBack(journal('converged', 'pending'), live(true, 'new', 'old'), { keepNew: true }).actions)).toEqual(['revert a', 'revert-converge a'])
  })

  it('does not remove a version another service uses, and says so', () => {
    const resume = remainingToResume(journal('converged', 'converged'), live(true, 'new', 'new', true, { otherUsersOfOld: ['late-comer'] }))
    expect(resume.actions).toEqual([])
    expect(resume.notesSaid.map(english)).toEqual(['tok is kept: late-comer still use it'])
    const back = remainingToRollBack(journal('pending', 'pending'), live(true, 'old', 'old', true, { otherUsersOfNew: ['x'] }), { keepNew: false })
    expect(back.actions).toEqual([])
    expect(back.notesSaid.map(english)[0]).toMatch(/tok_v2 is kept: x/)
  })

  it('skips a service removed meanwhile, and one that uses neither version', () => {
    const state = live(true, 'new', 'old')
    state.services.a = { exists: false, onOld: 0, onNew: 0 }
    state.services.b = { exists: true, onOld: 0, onNew: 0 }
    const r = remainingToResume(journal('updated', 'pending'), state)
    expect(short(r.actions)).toEqual(['remove-old'])
    expect(r.notesSaid.map(english)).toEqual(['a was removed meanwhile: skipped', 'b no longer uses tok or tok_v2: skipped'])
  })

  it('refuses to resume when someone else took the new name, or everything is gone', () => {
    expect(remainingToResume(journal('pending', 'pending'), live(false, 'old', 'old', true, { newNameTaken: true })).blocked?.code).toBe('NAME_CLASH')
    expect(remainingToResume(journal('pending', 'pending'), live(false, 'old', 'old', false)).blocked?.code).toBe('NOT_FOUND')
  })

  it('without --remove-old the old version stays', () => {
    expect(short(remainingToResume(journal('converged', 'converged', false), live(true, 'new', 'new')).actions)).toEqual([])
  })
})

describe('what is left, in French', () => {
  it('says a blocked resume or roll back and the notes in English and in French', () => {
    const taken = remainingToResume(journal('pending', 'pending'), live(false, 'old', 'old', true, { newNameTaken: true }))
    expect(taken.blocked?.message).toBe('another secret named tok_v2 was created meanwhile (not by this rotation): roll back, then rotate with another name')
    expect(french(taken.blocked!.said)).toBe('un autre secret du nom de tok_v2 a été créé entre-temps (pas par cette rotation) : annulez, puis refaites la rotation avec un autre nom')

    const gone = remainingToRollBack(journal('converged', 'converged'), live(true, 'new', 'new', false), { keepNew: false })
    expect(gone.blocked?.message).toBe('tok is already removed, so a, b cannot go back to it: resume the rotation instead')
    expect(french(gone.blocked!.said)).toBe('tok est déjà supprimé, donc a, b ne peuvent pas y revenir : reprenez plutôt la rotation')

    const kept = remainingToResume(journal('converged', 'converged'), live(true, 'new', 'new', true, { otherUsersOfOld: ['other'], services: { a: { exists: false, onOld: 0, onNew: 0 }, b: { exists: true, onOld: 0, onNew: 1 } } }))
    expect(kept.notesSaid.map(english)).toEqual(['a was removed meanwhile: skipped', 'tok is kept: other still use it'])
    expect(kept.notesSaid.map(french)).toEqual(['a a été supprimé entre-temps : ignoré', 'tok est conservé : other l\'utilisent encore'])
  })
})

describe('the before-exec step (a command in a task of a service before any consumer moves)', () => {
  /** b runs the command (b is a consumer), or x does (not a consumer) */
  const withStep = (serviceId: 'b' | 'x', ran: boolean, a: ServiceState = 'pending', b: ServiceState = 'pending') => ({
    ...journal(a, b),
    beforeExec: { serviceId, serviceName: serviceId, command: ['sh', '-c', 'true'], target: 'tok_v2', ran }
  })
  const step = (exists: boolean, mounted: boolean) => ({ stepService: { exists, mounted } })

  const cases: { point: string; journal: ReturnType<typeof withStep>; live: LiveRotationState; resume: string[]; rollback: string[] }[] = [
    { point: 'consumer b, nothing created', journal: withStep('b', false), live: live(false, 'old', 'old', true, step(true, false)),
      resume: ['create', 'mount b', 'exec b', 'update a', 'converge a', 'update b', 'converge b', 'remove-old'], rollback: [] },
    { point: 'consumer b, mounted, command not run', journal: withStep('b', false), live: live(true, 'old', 'old', true, step(true, true)),
      resume: ['exec b', 'update a', 'converge a', 'update b', 'converge b', 'remove-old'], rollback: ['unmount b', 'remove-new'] },
    { point: 'consumer b, command ran', journal: withStep('b', true), live: live(true, 'old', 'old', true, step(true, true)),
      resume: ['update a', 'converge a', 'update b', 'converge b', 'remove-old'], rollback: ['unmount b', 'remove-new'] },
    { point: 'consumer b moved (its update dropped the mount)', journal: withStep('b', true, 'converged', 'updated'), live: live(true, 'new', 'new', true, step(true, false)),
      resume: ['converge b', 'remove-old'], rollback: ['revert b', 'revert-converge b', 'revert a', 'revert-converge a', 'remove-new'] },
    { point: 'x (not a consumer), command ran', journal: withStep('x', true), live: live(true, 'old', 'old', true, step(true, true)),
      resume: ['update a', 'converge a', 'update b', 'converge b', 'unmount x', 'remove-old'], rollback: ['unmount x', 'remove-new'] },
    { point: 'x, fresh', journal: withStep('x', false), live: live(false, 'old', 'old', true, step(true, false)),
      resume: ['create', 'mount x', 'exec x', 'update a', 'converge a', 'update b', 'converge b', 'unmount x', 'remove-old'], rollback: [] },
    { point: 'x, everything moved, mount removed', journal: withStep('x', true, 'converged', 'converged'), live: live(true, 'new', 'new', true, step(true, false)),
      resume: ['remove-old'], rollback: ['revert b', 'revert-converge b', 'revert a', 'revert-converge a', 'remove-new'] }
  ]
  for (const c of cases) {
    it(`${c.point}: resume and roll back`, () => {
      expect(short(remainingToResume(c.journal, c.live).actions)).toEqual(c.resume)
      expect(short(remainingToRollBack(c.journal, c.live, { keepNew: false }).actions)).toEqual(c.rollback)
    })
  }

  it('refuses to resume when the service that runs the command is gone', () => {
    const r = remainingToResume(withStep('x', false), live(true, 'old', 'old', true, step(false, false)))
    expect(r.blocked?.code).toBe('BEFORE_EXEC_SERVICE')
    expect(r.blocked?.message).toBe('x, where the command before the services move runs, was removed: roll the rotation back')
    expect(french(r.blocked!.said)).toBe('x, où s\'exécute la commande préalable, a été supprimé : annulez la rotation')
  })
})
