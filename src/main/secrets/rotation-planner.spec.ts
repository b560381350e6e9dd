import { describe, expect, it } from 'vitest'
import type { LiveService } from '../docker/live-shapes'
import { french } from '../../../tests/support/french'
import { english } from '../i18n/english'
import { planRotation, refusalsSaid, updatePolicyOf, type PlanInput } from './rotation-planner'

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

describe('planRotation in French', () => {
  const said = (plan: ReturnType<typeof planRotation>, code: string) => {
    const found = [...plan.refusals, ...plan.warnings].find((p) => p.code === code)
    if (!found) throw new Error(`no ${code} in the plan`)
    return { english: found.message, french: french(found.said) }
  }

  it.each([
    [
      'NO_CONSUMERS',
      input({ services: [] }),
      'no service uses tok: there is nothing to rotate. Create a new secret instead (docker secret create), or remove this one',
      'aucun service n\'utilise tok : il n\'y a rien à faire tourner. Créez plutôt un nouveau secret (docker secret create), ou supprimez celui-ci'
    ],
    [
      'NAME_CLASH',
      input({ kind: 'config', services: [svc('s1', 'api', { kind: 'config' })], options: { startFirst: false, startFirstServices: [], removeOld: false, newName: 'other' } }),
      'a config named "other" already exists: choose another name',
      'une config du nom de « other » existe déjà : choisissez un autre nom'
    ],
    [
      'IDENTICAL_VALUE',
      input({ value: { bytes: 3, identity: 'identical' } }),
      "the new value is the same as tok's: rotating would restart every consumer for nothing",
      'la nouvelle valeur est identique à celle de tok : la rotation redémarrerait tous les services consommateurs pour rien'
    ],
    [
      'VALUE_TOO_LARGE',
      input({ kind: 'config', services: [svc('s1', 'api', { kind: 'config' })], value: { bytes: 1_100_000, identity: 'different' } }),
      'the new value is 1100000 bytes; the engine accepts at most 1024000 for a config',
      'la nouvelle valeur fait 1100000 octets ; le moteur accepte au plus 1024000 pour une config'
    ],
    [
      'UPDATE_PAUSED',
      input({ services: [svc('s1', 'api', { status: 'paused' })] }),
      "api's last update is paused (update paused due to failure): resolve it first (docker service update or docker service rollback api)",
      'la dernière mise à jour de api est en pause (update paused due to failure) : réglez-la d\'abord (docker service update ou docker service rollback api)'
    ],
    [
      'UPDATE_IN_PROGRESS',
      input({ services: [svc('s1', 'api', { status: 'rollback_started' })] }),
      'api is still rolling back: wait until it finishes',
      'api est encore dans l\'état « retour arrière » : attendez que ce soit fini'
    ],
    [
      'SINGLE_TASK_STOP_FIRST',
      input({ services: [svc('s1', 'api', { replicas: 1 })] }),
      'api has one task and updates stop-first: it will be down while its new task starts. Choose start-first to avoid that',
      'api n\'a qu\'une tâche et se met à jour en stop-first : il sera indisponible pendant le démarrage de sa nouvelle tâche. Choisissez start-first pour l\'éviter'
    ],
    [
      'STACK_FILE',
      input({ object: { id: 'OLD', name: 'shop_tok', version: 1, labels: { 'com.docker.stack.namespace': 'shop' }, driverBacked: false }, existingNames: ['shop_tok'] }),
      'shop_tok belongs to stack shop: edit the stack file so that this secret has name: shop_tok_v2, or the next docker stack deploy puts shop_tok back (SwarmDesk has no deployed file of this stack to edit)',
      'shop_tok appartient à la stack shop : modifiez le fichier de stack pour que ce secret ait name: shop_tok_v2, sinon le prochain docker stack deploy remettra shop_tok (SwarmDesk n\'a aucun fichier déployé de cette stack à modifier)'
    ]
  ])('%s keeps its English and says it in French', (code, planInput, englishText, frenchText) => {
    expect(said(planRotation(planInput), code)).toEqual({ english: englishText, french: frenchText })
  })
})

describe('refusalsSaid', () => {
  it('words every refusal one after another, as the rotate refusal did in English', () => {
    const plan = planRotation(input({ services: [], value: { bytes: 0, identity: 'different' } }))
    expect(english(refusalsSaid(plan.refusals))).toBe(plan.refusals.map((r) => r.message).join('; '))
    expect(english(refusalsSaid(plan.refusals))).toBe('the new value is empty; no service uses tok: there is nothing to rotate. Create a new secret instead (docker secret create), or remove this one')
    expect(french(refusalsSaid(plan.refusals))).toBe(
      "la nouvelle valeur est vide ; aucun service n'utilise tok : il n'y a rien à faire tourner. Créez plutôt un nouveau secret (docker secret create), ou supprimez celui-ci"
    )
  })
})

describe('name problems in French', () => {
  it.each([
    ['_tok', '"_tok": letters and digits at both ends; only letters, digits, "-", "_" and "." inside', '« _tok » : des lettres ou des chiffres aux deux bouts ; seulement des lettres, des chiffres, « - », « _ » et « . » au milieu'],
    ['x'.repeat(65), `"${'x'.repeat(65)}": at most 64 characters (the engine's limit)`, `« ${'x'.repeat(65)} » : au plus 64 caractères (la limite du moteur)`]
  ])('%s', (newName, englishText, frenchText) => {
    const refusal = planRotation(input({ options: { startFirst: false, startFirstServices: [], removeOld: true, newName } })).refusals.find((r) => r.code === 'NAME_INVALID')
    expect([refusal?.message, french(refusal!.said)]).toEqual([englishText, frenchText])
  })
})

describe('planRotation with a command before the services move', () => {
  const command = ['sh', '-c', 'echo "ALTER USER postgres PASSWORD :\'pw\'" | psql -v pw="$(cat "$SWARMDESK_NEW_FILE")"']
  it('mounts the new version in the chosen consumer, runs the command, and its swap drops that mount', () => {
    const plan = planRotation(input({ options: { startFirst: false, startFirstServices: [], removeOld: false, beforeExec: { service: 'web', command } } }))
    expect(plan.refusals).toEqual([])
    expect(plan.beforeExec).toEqual({ serviceId: 's2', serviceName: 'web', command, path: '/run/secrets/tok_v2' })
    expect(plan.steps.map((s) => `${s.kind} ${s.subject}`)).toEqual(['create tok_v2', 'mount web', 'exec web', 'update api', 'converge api', 'update web', 'converge web'])
    expect(plan.cli).toEqual([
      'docker secret create --label com.swarmdesk.rotated-from=tok tok_v2 -',
      'docker service update --secret-add source=tok_v2,target=tok_v2 web',
      `docker exec -e SWARMDESK_NEW_FILE=/run/secrets/tok_v2 $(docker ps -q -f label=com.docker.swarm.service.name=web | head -n 1) sh -c 'echo "ALTER USER postgres PASSWORD :'\\''pw'\\''" | psql -v pw="$(cat "$SWARMDESK_NEW_FILE")"'`,
      'docker service update --secret-rm tok --secret-add source=tok_v2,target=a,uid=0,gid=0,mode=0444 --secret-add source=tok_v2,target=/etc/b,uid=1000,gid=0,mode=0400 api',
      'docker service update --secret-rm tok --secret-rm tok_v2 --secret-add source=tok_v2,target=tok,uid=0,gid=0,mode=0444 web'
    ])
    expect(plan.warnings.map((w) => [w.code, w.message])).toContainEqual([
      'BEFORE_EXEC_NOT_UNDONE',
      'the command runs in web before any service moves; a roll back puts the services back on the old version but does not undo what the command changed'
    ])
  })

  it('a service that does not use the object gets the mount for the step and loses it at the end; an unknown one is refused', () => {
    const plan = planRotation(input({ options: { startFirst: false, startFirstServices: [], removeOld: true, beforeExec: { service: 's9', command: ['true'] } } }))
    expect(plan.steps.map((s) => `${s.kind} ${s.subject}`)).toEqual(['create tok_v2', 'mount unrelated', 'exec unrelated', 'update api', 'converge api', 'update web', 'converge web', 'unmount unrelated', 'remove-old tok'])
    expect(plan.cli).toContain('docker service update --secret-rm tok_v2 unrelated')
    const refused = planRotation(input({ options: { startFirst: false, startFirstServices: [], removeOld: false, beforeExec: { service: 'nope', command: ['true'] } } }))
    expect(refused.refusals.map((r) => [r.code, r.message])).toEqual([['BEFORE_EXEC_SERVICE', 'no service "nope" to run the command in']])
    expect(french(refused.refusals[0].said)).toBe('aucun service « nope » où lancer la commande')
  })
})
