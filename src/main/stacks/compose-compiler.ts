// Compose model -> Engine API bodies, field for field what docker/cli's cli/compose/convert builds
// for `docker stack deploy` (names `<stack>_<key>`, stack labels, sorting, defaults, units).
// Pure: no files are read (secrets and configs carry the path to read) and no engine lookups are
// made (SecretID/ConfigID are left empty for the applier to fill in by name).
import { phrase, type Phrase, type PhraseValue } from '../../shared/phrase'
import { withWords } from '../i18n/words'
import { namespace, type Namespace, type ServiceProblems } from './compile/common'
import { convertNetworks, type CompiledNetwork } from './compile/networks'
import { convertService } from './compile/service'
import { convertConfigs, convertSecrets, type CompiledConfig, type CompiledSecret } from './compile/stack-objects'
import type { ComposeModel, ServiceConfig } from './compose-types'
import type { ServiceSpecBody } from '../docker/engine-specs'
import { taggedFamiliarImage } from './image-reference'
import { kindWord } from './stack-phrases'

// The compiler's vocabulary, where the rest of stacks/ has always found it.
export { LABEL_IMAGE, LABEL_NAMESPACE, isUserDefinedNetwork } from './compile/common'
export { effectiveCapabilities } from './compile/container'
export type { CompiledConfig, CompiledSecret } from './compile/stack-objects'

/**
 * cli/command/stack/common.go refuses only empty or whitespace-and-quotes names; the engine then
 * refuses `<stack>_default` unless the stack is a DNS name component (swarmkit's
 * validateAnnotations), so such names are refused here before anything is made.
 */
export function validateStackName(stack: string): Phrase | null {
  if (/^[\s"']*$/u.test(stack)) return phrase('stacks.said.stackName.blank', { name: JSON.stringify(stack) })
  if (!DNS_COMPONENT.test(stack)) return phrase('stacks.said.stackName.dns', { name: JSON.stringify(stack), stack })
  return null
}

/** swarmkit controlapi: isValidDNSName, for services and networks */
const DNS_COMPONENT = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/
/** swarmkit controlapi: validateSecretOrConfigName */
const SECRET_OR_CONFIG_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/

/** What the engine would answer when creating an object of that name (null: it accepts the name). */
export function objectNameProblem(kind: 'service' | 'network' | 'secret' | 'config', name: string): Phrase | null {
  if (kind === 'secret' || kind === 'config') {
    if (name.length > 64) return phrase('stacks.said.objectName.tooLong', { kind: kindWord(kind), name, length: name.length, max: 64 })
    return SECRET_OR_CONFIG_NAME.test(name) ? null : phrase('stacks.said.objectName.secretOrConfig', { kind: kindWord(kind), name: JSON.stringify(name) })
  }
  if (!DNS_COMPONENT.test(name)) return phrase('stacks.said.objectName.dns', { kind: kindWord(kind), name: JSON.stringify(name) })
  if (name.length > 63) return phrase('stacks.said.objectName.tooLong', { kind: kindWord(kind), name, length: name.length, max: 63 })
  return null
}

export interface CompileIssue {
  /** compose key of the service, network, secret or config concerned ('' for the stack) */
  subject: string
  /** dotted path into the compose model, e.g. services.web.deploy.mode */
  path: string
  /** in English, for the CLI and logs */
  message: string
  /** `message` as a phrase, for the app in the user's language */
  said: Phrase
}

function compileIssue(subject: string, path: string, said: Phrase): CompileIssue {
  return withWords({ subject, path, message: '', said })
}

export interface CompiledService {
  key: string
  name: string
  spec: ServiceSpecBody
  /** ContainerSpec.Image as the Go client sends it when nothing is resolved (`nginx` -> `nginx:latest`) */
  engineImage: string
  /** credential_spec.config names the config whose ID goes into Privileges.CredentialSpec.Config */
  credentialSpecConfig: string | null
}

export interface CompiledStack {
  stack: string
  /** networks to create when missing, sorted by name */
  networks: CompiledNetwork[]
  /** external networks referenced by services: they must exist with swarm scope (see isUserDefinedNetwork) */
  externalNetworks: string[]
  secrets: CompiledSecret[]
  configs: CompiledConfig[]
  services: CompiledService[]
  errors: CompileIssue[]
  warnings: CompileIssue[]
}

export interface CompileOptions {
  /** not used yet; reserved for engine-version specific output */
  apiVersion?: string
}

export function compileStack(stack: string, model: ComposeModel, _options: CompileOptions = {}): CompiledStack {
  const ns = namespace(stack)
  const errors: CompileIssue[] = []
  const warnings: CompileIssue[] = []
  const stackNameProblem = validateStackName(stack)
  if (stackNameProblem) errors.push(compileIssue('', '', stackNameProblem))

  const { networks, externalNetworks, unused } = convertNetworks(ns, model)
  for (const key of unused) {
    warnings.push(compileIssue(key, `networks.${key}`, phrase('stacks.said.compile.networkUnused', { network: key })))
  }
  const secrets = convertSecrets(ns, model)
  const configs = convertConfigs(ns, model)

  const services = model.services.map((service) => compileService(ns, model, service, errors, warnings))
  // names the engine would refuse, once the stack name itself is known to be fine
  if (!stackNameProblem) {
    const named: Array<['service' | 'network' | 'secret' | 'config', string, string]> = [
      ...networks.map((n) => ['network', n.name, `networks.${n.key}`] as ['network', string, string]),
      ...secrets.map((o) => ['secret', o.name, `secrets.${o.key}`] as ['secret', string, string]),
      ...configs.map((o) => ['config', o.name, `configs.${o.key}`] as ['config', string, string]),
      ...services.map((o) => ['service', o.name, `services.${o.key}`] as ['service', string, string])
    ]
    for (const [kind, name, path] of named) {
      const problem = objectNameProblem(kind, name)
      if (problem) errors.push(compileIssue(name, path, problem))
    }
  }
  return { stack, networks, externalNetworks, secrets, configs, services, errors, warnings }
}

/** The service's spec, part by part (compile/service.ts); its problems become the stack's issues. */
function compileService(ns: Namespace, model: ComposeModel, service: ServiceConfig, errors: CompileIssue[], warnings: CompileIssue[]): CompiledService {
  const key = service.name
  const serviceIssue = (path: string, problem: PhraseValue): CompileIssue =>
    compileIssue(key, `services.${key}${path ? '.' + path : ''}`, phrase('stacks.said.compile.service', { service: key, problem }))
  const problems: ServiceProblems = {
    fail: (path, problem) => {
      errors.push(serviceIssue(path, problem))
    },
    warn: (path, problem) => {
      warnings.push(serviceIssue(path, problem))
    }
  }
  const { spec, credentialSpecConfig } = convertService(ns, model, service, problems)
  return { key, name: spec.Name, spec, engineImage: taggedFamiliarImage(service.image), credentialSpecConfig }
}
