import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertCredentialSpec } from './credential-spec'

const service = (credentialSpec: string): string => `services:\n  web:\n    image: nginx\n${credentialSpec}`

describe('convertCredentialSpec', () => {
  it.each([
    ['none', '', null, null, []],
    ['a file', '    credential_spec: { file: spec.json }\n', null, { Config: '', File: 'spec.json', Registry: '' }, []],
    ['a registry value', '    credential_spec: { registry: gmsa }\n', null, { Config: '', File: '', Registry: 'gmsa' }, []],
    ['a config, by the name it resolved to', '    credential_spec: { config: gmsa }\n', 'app_gmsa', { Config: 'app_gmsa', File: '', Registry: '' }, []],
    ['a config that did not resolve keeps its key', '    credential_spec: { config: gmsa }\n', null, { Config: 'gmsa', File: '', Registry: '' }, []],
    ['two of them are refused', '    credential_spec: { file: spec.json, registry: gmsa }\n', null, null, ['fail credential_spec: stacks.said.compile.credentialSpecTwo']],
    ['three of them are refused', '    credential_spec: { config: c, file: spec.json, registry: gmsa }\n', null, null, ['fail credential_spec: stacks.said.compile.credentialSpecMore']]
  ])('%s', (_name, body, resolvedConfig, expected, problems) => {
    const seen = recordingProblems()
    expect(convertCredentialSpec(composeFragment(service(body)).service.credentialSpec, resolvedConfig, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })
})
