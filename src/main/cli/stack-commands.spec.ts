import { describe, expect, it } from 'vitest'
import type { StackPlan } from '../../shared/stacks'
import { formatPlan, formatProblem } from './stack-commands'
import { stackTable } from './list-tables'
import { phrase } from '../../shared/phrase'
import { worded } from '../i18n/words'

const plan: StackPlan = {
  stack: 'shop',
  ok: true,
  placement: [],
  operations: [
    { id: 'network.create:shop_default', kind: 'network.create', phase: 'networks', name: 'shop_default', key: 'default', changes: [], restarts: false, notes: [], blocked: null, cli: 'docker network create --driver overlay shop_default' },
    {
      id: 'service.update:shop_web',
      kind: 'service.update',
      phase: 'services',
      name: 'shop_web',
      key: 'web',
      changes: [
        { path: 'TaskTemplate.ContainerSpec.Env[MODE]', composePath: 'services.web.environment', before: 'MODE=a', after: 'MODE=b', effect: 'restart' },
        { path: 'Mode.Replicated.Replicas', composePath: 'services.web.deploy.replicas', before: '1', after: null, effect: 'none' }
      ],
      restarts: true,
      notes: [worded(phrase('stacks.said.note.tasksReplaced'))],
      blocked: null,
      cli: null
    },
    { id: 'service.unchanged:shop_db', kind: 'service.unchanged', phase: 'services', name: 'shop_db', key: 'db', changes: [], restarts: false, notes: [], blocked: null, cli: null }
  ],
  problems: [],
  summary: { create: 1, update: 1, unchanged: 1, remove: 0, restarting: ['shop_web'], notInFile: ['shop_old'] },
  options: { resolveImage: 'always', prune: false, withRegistryAuth: false },
  variables: [],
  files: ['a.yml'],
  cli: 'docker stack deploy -c a.yml shop',
  fingerprint: 'f'
}

describe('stack command output', () => {
  it('prints the plan as a human diff', () => {
    expect(formatPlan(plan)).toBe(
      [
        'Plan for stack shop (docker stack deploy -c a.yml shop)',
        '',
        '  network  shop_default   create',
        '  service  shop_web       update (tasks replaced)',
        '      TaskTemplate.ContainerSpec.Env[MODE]: MODE=a -> MODE=b  [restarts]',
        '      Mode.Replicated.Replicas: 1 -> (none)',
        '      (tasks are replaced (rolling update))',
        '  service  shop_db        unchanged',
        '',
        '1 to create, 1 to update (tasks replaced: shop_web), 1 unchanged, 0 to remove',
        'not in the files (kept; --prune removes them): shop_old',
        ''
      ].join('\n')
    )
  })

  it('prints problems with their place in the file and the fix', () => {
    expect(
      formatProblem({
        severity: 'error',
        code: 'secret-content-changed',
        subject: 'shop_pw',
        message: 'secret pw: content changed',
        said: { key: 'stacks.said.system', params: { text: 'secret pw: content changed' } },
        fix: 'name: shop_pw_v2',
        fixSaid: { key: 'stacks.said.system', params: { text: 'name: shop_pw_v2' } },
        path: 'secrets.pw',
        location: { file: '/s/a.yml', line: 3, column: 5 }
      })
    ).toBe('error: /s/a.yml:3:5: secret pw: content changed\n  fix: name: shop_pw_v2\n')
  })

  it('lists stacks like docker stack ls, with counts', () => {
    expect(stackTable([{ name: 'shop', services: 2, runningTasks: 3, desiredTasks: 4, networks: 1, secrets: 0, configs: 1, deployedAt: null }])).toBe(
      'NAME   SERVICES   TASKS   NETWORKS   SECRETS   CONFIGS   LAST SWARMDESK DEPLOY\nshop   2          3/4     1          0         1\n'
    )
  })
})

describe('formatPlan with placement', () => {
  it('warns about services that would have pending tasks', () => {
    const withPlacement: StackPlan = {
      ...plan,
      placement: [
        { key: 'web', name: 'shop_web', eligible: ['worker1', 'worker2'], nodes: 5, pendingTasks: 0, explanation: null, unsuitable: null, warnings: [] },
        { key: 'db', name: 'shop_db', eligible: [], nodes: 5, pendingTasks: 1, explanation: 'no suitable node (scheduling constraints not satisfied on 5 nodes)', unsuitable: [{ filter: 'constraints', nodes: 5 }], warnings: [] }
      ]
    }
    const text = formatPlan(withPlacement)
    expect(text).toContain('placement: shop_db: no eligible node, 1 task would stay pending (no suitable node (scheduling constraints not satisfied on 5 nodes))')
    expect(text).not.toContain('placement: shop_web')
  })
})
