import { describe, expect, it } from 'vitest'
import type { DraftIssue, DraftIssueBody } from '../../shared/services'
import { draftIssuePhrase } from '../../shared/service-issue-phrases'
import { english } from '../i18n/english'

const draftIssueText = (issue: DraftIssueBody): string => english(draftIssuePhrase(issue))
const issuesAsMessages = (issues: readonly DraftIssue[]): { path: string; message: string }[] => issues.map((issue) => ({ path: issue.path, message: draftIssueText(issue) }))

// The English sentences the CLI and INVALID_INPUT errors show, written out in full: a code that
// lost a value (a port, a name) or a hint (the docker command to run) would show here.
describe('draftIssueText (English wording of the service draft issues)', () => {
  it.each<[DraftIssueBody, string]>([
    [{ code: 'duration', value: '10x' }, '"10x" is not a duration: expected a number with a unit, like 10s, 1m30s or 500ms'],
    [{ code: 'duration-positive', value: '0s' }, '"0s" must be a positive duration'],
    [{ code: 'name-taken', name: 'web' }, 'a service named "web" already exists'],
    [{ code: 'image-invalid', image: 'Nginx', reason: 'invalid reference format: repository name (library/Nginx) must be lowercase' }, '"Nginx" is not a valid image reference: invalid reference format: repository name (library/Nginx) must be lowercase'],
    [{ code: 'replicas-range', min: 0, max: 100000 }, 'replicas must be between 0 and 100000'],
    [{ code: 'env-twice', key: 'A', firstLine: 2 }, 'A is set twice (also on line 2)'],
    [{ code: 'port-twice', port: '9000/tcp', firstRow: 1 }, '9000/tcp is published twice in this service (also port 1)'],
    [{ code: 'port-taken', port: '8080/tcp', service: 'shop' }, 'port 8080/tcp is already published by service shop: choose another published port'],
    [{ code: 'network-unknown', network: 'front' }, 'no swarm network named "front" (create it with docker network create -d overlay front)'],
    [{ code: 'secret-unknown', name: 'api' }, 'no secret named "api" in this swarm (docker secret ls lists them)'],
    [{ code: 'config-target-twice', target: '/etc/app' }, 'two configs use the target "/etc/app"'],
    [{ code: 'file-owner', field: 'gid', value: 'staff' }, '"staff" is not a numeric gid'],
    [{ code: 'constraint', message: "key 'node.rol' is invalid", suggestion: '', said: { key: 'placement.said.constraint.key-invalid', params: { name: 'node.rol' } }, suggestionSaid: null, fix: null }, "key 'node.rol' is invalid"],
    [
      {
        code: 'constraint',
        message: 'constraint expected one operator from ==, !=',
        suggestion: 'use ==: node.role == worker',
        said: { key: 'placement.said.constraint.operator-expected', params: { operators: '==, !=' } },
        suggestionSaid: { key: 'placement.said.constraint.use-operator', params: { operator: '==', fix: 'node.role == worker' } },
        fix: 'node.role == worker'
      },
      'constraint expected one operator from ==, != (use ==: node.role == worker)'
    ],
    [{ code: 'reservation-above-limit', reservation: '1G', limit: '256M' }, 'the memory reservation (1G) is above the limit (256M)'],
    [{ code: 'failure-ratio', value: 2 }, 'the max failure ratio is a fraction between 0 and 1 (got 2)'],
    [
      { code: 'mode-change', from: 'replicated', to: 'global' },
      "a service's mode cannot be changed (replicated -> global): the engine refuses it. Create a new global service and remove this one (docker service rm, then docker service create --mode global)"
    ],
    [{ code: 'rename', from: 'web', to: 'api' }, 'a service cannot be renamed by an update (web -> api): create a new service instead']
  ])('%j', (issue, text) => {
    expect(draftIssueText(issue)).toBe(text)
  })

  it('words a list of issues as the error payload, path by path', () => {
    expect(issuesAsMessages([{ path: 'name', code: 'name-missing' }, { path: 'update.delay', code: 'duration', value: '10x' }])).toEqual([
      { path: 'name', message: 'a service needs a name' },
      { path: 'update.delay', message: '"10x" is not a duration: expected a number with a unit, like 10s, 1m30s or 500ms' }
    ])
  })
})
