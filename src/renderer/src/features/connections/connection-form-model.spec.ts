import { describe, expect, it } from 'vitest'
import type { ConnectionProfile } from '../../../../shared/connections'
import { profileDraftSchema } from '../../../../shared/connections'
import { blankEndpoint, draftFrom, formValuesFrom, placeIssues, type ConnectionFormValues } from './connection-form-model'

const keys = (): (() => string) => {
  let n = 0
  return () => `k${n++}`
}

describe('draftFrom', () => {
  it.each([
    ['socket', { ...blankEndpoint('a', 'socket'), socketPath: ' /run/docker.sock ' }, { kind: 'socket', socketPath: '/run/docker.sock' }],
    ['docker-host', { ...blankEndpoint('a', 'docker-host'), dockerHost: 'tcp://10.0.0.1:2375' }, { kind: 'docker-host', dockerHost: 'tcp://10.0.0.1:2375' }],
    ['context', { ...blankEndpoint('a', 'context'), contextName: 'lab' }, { kind: 'context', contextName: 'lab' }],
    [
      'ssh with defaults',
      { ...blankEndpoint('a', 'ssh'), host: 'manager1' },
      { kind: 'ssh', host: 'manager1', port: undefined, user: undefined, identityFile: undefined, useAgent: true, remoteSocket: '/var/run/docker.sock', hasPassphrase: false }
    ],
    [
      'ssh with everything',
      { ...blankEndpoint('a', 'ssh'), host: '10.77.0.11', port: '2222', user: 'root', identityFile: '~/.ssh/lab', useAgent: false, remoteSocket: '/run/docker.sock' },
      { kind: 'ssh', host: '10.77.0.11', port: 2222, user: 'root', identityFile: '~/.ssh/lab', useAgent: false, remoteSocket: '/run/docker.sock', hasPassphrase: false }
    ]
  ] as const)('%s', (_name, endpoint, expected) => {
    const draft = draftFrom({ id: null, name: ' lab ', endpoints: [endpoint] })
    expect(draft).toEqual({ name: 'lab', endpoints: [expected] })
  })

  it('sends a non-numeric port as NaN so the server reports it on the port field', () => {
    const draft = draftFrom({ id: null, name: 'x', endpoints: [{ ...blankEndpoint('a', 'ssh'), host: 'h', port: '22a' }] })
    expect(draft.endpoints[0]).toMatchObject({ port: Number.NaN })
  })

  it('keeps the id when editing and sends only typed passphrases, by endpoint index', () => {
    const values: ConnectionFormValues = {
      id: 'p1',
      name: 'lab',
      endpoints: [
        { ...blankEndpoint('a', 'ssh'), host: 'm1', hasPassphrase: true },
        { ...blankEndpoint('b', 'ssh'), host: 'm2', passphrase: 'secret' }
      ]
    }
    const draft = draftFrom(values)
    expect(draft.id).toBe('p1')
    expect(draft.passphrases).toEqual({ '1': 'secret' })
    expect(draft.endpoints[0]).toMatchObject({ hasPassphrase: true })
    expect(profileDraftSchema.safeParse(draft).success).toBe(true)
  })

  it('omits passphrases entirely when none were typed', () => {
    expect(draftFrom({ id: null, name: 'x', endpoints: [blankEndpoint('a')] })).not.toHaveProperty('passphrases')
  })
})

describe('formValuesFrom', () => {
  it('round-trips a saved profile', () => {
    const profile: ConnectionProfile = {
      id: 'p1',
      name: 'lab',
      createdAt: '2025-01-01T00:00:00Z',
      endpoints: [
        { kind: 'ssh', host: 'manager1', port: 22, user: 'root', useAgent: true, remoteSocket: '/var/run/docker.sock', hasPassphrase: false },
        { kind: 'context', contextName: 'lab2' }
      ]
    }
    const values = formValuesFrom(profile, keys())
    expect(values.endpoints.map((e) => e.key)).toEqual(['k0', 'k1'])
    expect(draftFrom(values)).toEqual({ id: 'p1', name: 'lab', endpoints: [{ ...profile.endpoints[0], identityFile: undefined }, profile.endpoints[1]] })
  })
})

describe('placeIssues', () => {
  const values: ConnectionFormValues = {
    id: null,
    name: '',
    endpoints: [blankEndpoint('a', 'socket'), { ...blankEndpoint('b', 'ssh'), host: 'x y' }]
  }

  it.each([
    ['name', 'name'],
    ['endpoints.0.socketPath', 'endpoints.0.socketPath'],
    ['endpoints.1.host', 'endpoints.1.host'],
    ['endpoints.1.port', 'endpoints.1.port'],
    ['passphrases.1', 'endpoints.1.passphrase']
  ])('puts %s on field %s', (path, field) => {
    expect(placeIssues([{ path, message: 'bad' }], values).byField).toEqual({ [field]: 'bad' })
  })

  it.each([['endpoints'], ['endpoints.0.host'], ['endpoints.5.socketPath'], ['(input)']])('keeps %s for the summary', (path) => {
    const placed = placeIssues([{ path, message: 'bad' }], values)
    expect(placed.byField).toEqual({})
    expect(placed.other).toEqual([{ path, message: 'bad' }])
  })

  it('joins several messages for one field', () => {
    const placed = placeIssues(
      [
        { path: 'name', message: 'a' },
        { path: 'name', message: 'b' }
      ],
      values
    )
    expect(placed.byField.name).toBe('a; b')
  })
})
