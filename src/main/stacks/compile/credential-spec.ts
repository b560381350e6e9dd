// `credential_spec:`: at most one of config, file and registry (convertCredentialSpec).
import { phrase } from '../../../shared/phrase'
import type { ServiceConfig } from '../compose-types'
import type { CredentialSpecBody } from '../../docker/engine-specs'
import type { ServiceProblems } from './common'

/** `credentialSpecConfig`: the name of the config credential_spec.config resolved to, if it did */
export function convertCredentialSpec(cred: ServiceConfig['credentialSpec'], credentialSpecConfig: string | null, problems: ServiceProblems): CredentialSpecBody | null {
  let credentialSpec: CredentialSpecBody | null = null
  const credFields = [cred.config !== '' ? '"Config"' : '', cred.file !== '' ? '"File"' : '', cred.registry !== '' ? '"Registry"' : ''].filter((f) => f !== '')
  if (credFields.length === 2) problems.fail('credential_spec', phrase('stacks.said.compile.credentialSpecTwo', { first: credFields[0], second: credFields[1] }))
  else if (credFields.length > 2) problems.fail('credential_spec', phrase('stacks.said.compile.credentialSpecMore', { first: credFields.slice(0, -1).join(', '), last: credFields[credFields.length - 1] }))
  else if (credFields.length === 1) {
    credentialSpec = { Config: cred.config !== '' ? (credentialSpecConfig ?? cred.config) : '', File: cred.file, Registry: cred.registry }
  }
  return credentialSpec
}
