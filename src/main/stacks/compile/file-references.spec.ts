import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertConfigReferences, convertSecretReferences } from './file-references'

const TOP_LEVEL = 'secrets:\n  token: { file: ./token }\n  shared: { external: true, name: vault_token }\nconfigs:\n  site: { file: ./site.conf }\n  gmsa: { file: ./gmsa.json }\n'

describe('convertSecretReferences', () => {
  it.each([
    ['none', '', [], []],
    [
      'defaults: the key as target, root, 0444; sorted by name',
      '    secrets: [token, shared]\n',
      [
        { File: { Name: 'token', UID: '0', GID: '0', Mode: 0o444 }, SecretID: '', SecretName: 'app_token' },
        { File: { Name: 'shared', UID: '0', GID: '0', Mode: 0o444 }, SecretID: '', SecretName: 'vault_token' }
      ],
      []
    ],
    [
      'long syntax',
      "    secrets:\n      - { source: token, target: api, uid: '33', gid: '33', mode: 0400 }\n",
      [{ File: { Name: 'api', UID: '33', GID: '33', Mode: 0o400 }, SecretID: '', SecretName: 'app_token' }],
      []
    ],
    ['an undefined secret is refused', '    secrets: [nope]\n', [], ['fail secrets.0: stacks.said.compile.undefinedSecret']],
    [
      'two references with the same target are refused',
      '    secrets:\n      - token\n      - { source: shared, target: token }\n',
      [{ File: { Name: 'token', UID: '0', GID: '0', Mode: 0o444 }, SecretID: '', SecretName: 'app_token' }],
      ['fail secrets.1: stacks.said.compile.duplicateSecretTarget']
    ]
  ])('%s', (_name, body, expected, problems) => {
    const { ns, model, service } = composeFragment(`services:\n  web:\n    image: nginx\n${body}${TOP_LEVEL}`)
    const seen = recordingProblems()
    expect(convertSecretReferences(ns, model, service, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })
})

describe('convertConfigReferences', () => {
  it.each([
    ['none', '', { all: [], credentialSpecConfig: null }, []],
    [
      'a file reference',
      '    configs: [site]\n',
      { all: [{ File: { Name: 'site', UID: '0', GID: '0', Mode: 0o444 }, ConfigID: '', ConfigName: 'app_site' }], credentialSpecConfig: null },
      []
    ],
    [
      'credential_spec.config adds a Runtime reference, sorted with the others',
      '    configs: [site]\n    credential_spec: { config: gmsa }\n',
      {
        all: [
          { Runtime: {}, ConfigID: '', ConfigName: 'app_gmsa' },
          { File: { Name: 'site', UID: '0', GID: '0', Mode: 0o444 }, ConfigID: '', ConfigName: 'app_site' }
        ],
        credentialSpecConfig: 'app_gmsa'
      },
      []
    ],
    ['an undefined credential_spec config is refused', '    credential_spec: { config: nope }\n', { all: [], credentialSpecConfig: null }, ['fail credential_spec.config: stacks.said.compile.undefinedConfig']],
    ['an undefined config is refused', '    configs: [nope]\n', { all: [], credentialSpecConfig: null }, ['fail configs.0: stacks.said.compile.undefinedConfig']]
  ])('%s', (_name, body, expected, problems) => {
    const { ns, model, service } = composeFragment(`services:\n  web:\n    image: nginx\n${body}${TOP_LEVEL}`)
    const seen = recordingProblems()
    expect(convertConfigReferences(ns, model, service, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })
})
