// A service's `secrets:` and `configs:` (and credential_spec.config, which the CLI sends as a
// Runtime config reference): convertServiceSecrets / convertServiceConfigObjs. The IDs are left
// empty for the applier to fill in by name.
import { phrase } from '../../../shared/phrase'
import type { ComposeModel, FileObjectConfig, ServiceConfig, ServiceFileRef } from '../compose-types'
import type { ConfigReferenceBody, SecretReferenceBody } from '../../docker/engine-specs'
import { byString, type Namespace, type ServiceProblems } from './common'

interface FileTargetLike {
  Name: string
  UID: string
  GID: string
  Mode: number
}

function fileReference(
  ns: Namespace,
  ref: ServiceFileRef,
  objects: Record<string, FileObjectConfig>
): { name: string; target: FileTargetLike } | { error: string } {
  if (!Object.prototype.hasOwnProperty.call(objects, ref.source)) return { error: '' }
  const obj = objects[ref.source]
  return {
    name: obj.name !== '' ? obj.name : ns.scope(ref.source),
    target: { Name: ref.target !== '' ? ref.target : ref.source, UID: ref.uid !== '' ? ref.uid : '0', GID: ref.gid !== '' ? ref.gid : '0', Mode: ref.mode ?? 0o444 }
  }
}

/** undefined secrets and duplicate targets refused, sorted by name */
export function convertSecretReferences(ns: Namespace, model: ComposeModel, service: ServiceConfig, problems: ServiceProblems): SecretReferenceBody[] {
  const secretRefs: SecretReferenceBody[] = []
  const secretTargets = new Set<string>()
  ;(service.secrets ?? []).forEach((ref, i) => {
    const resolved = fileReference(ns, ref, model.secrets)
    if ('error' in resolved) return problems.fail(`secrets.${i}`, phrase('stacks.said.compile.undefinedSecret', { name: ref.source }))
    if (secretTargets.has(resolved.target.Name)) return problems.fail(`secrets.${i}`, phrase('stacks.said.compile.duplicateSecretTarget', { name: resolved.name }))
    secretTargets.add(resolved.target.Name)
    secretRefs.push({ File: resolved.target, SecretID: '', SecretName: resolved.name })
  })
  // sort.Slice by name only; for the few references a service has it is an insertion sort, stable,
  // so references to the same secret keep their file order (the recorded CLI bodies show it)
  secretRefs.sort((a, b) => byString(a.SecretName, b.SecretName))
  return secretRefs
}

export interface ConfigReferences {
  /** file references and the credential spec's Runtime reference, sorted by name */
  all: ConfigReferenceBody[]
  /** the config credential_spec.config names, if it is defined */
  credentialSpecConfig: string | null
}

/** undefined configs and duplicate targets refused; credential_spec.config adds a Runtime reference */
export function convertConfigReferences(ns: Namespace, model: ComposeModel, service: ServiceConfig, problems: ServiceProblems): ConfigReferences {
  const fileConfigRefs: ConfigReferenceBody[] = []
  const configTargets = new Set<string>()
  ;(service.configs ?? []).forEach((ref, i) => {
    const resolved = fileReference(ns, ref, model.configs)
    if ('error' in resolved) return problems.fail(`configs.${i}`, phrase('stacks.said.compile.undefinedConfig', { name: ref.source }))
    if (configTargets.has(resolved.target.Name)) return problems.fail(`configs.${i}`, phrase('stacks.said.compile.duplicateConfigTarget', { name: resolved.name }))
    configTargets.add(resolved.target.Name)
    fileConfigRefs.push({ File: resolved.target, ConfigID: '', ConfigName: resolved.name })
  })
  const runtimeRefs: ConfigReferenceBody[] = []
  const cred = service.credentialSpec
  if (cred.config !== '') {
    if (!Object.prototype.hasOwnProperty.call(model.configs, cred.config)) problems.fail('credential_spec.config', phrase('stacks.said.compile.undefinedConfig', { name: cred.config }))
    else {
      const obj = model.configs[cred.config]
      runtimeRefs.push({ Runtime: {}, ConfigID: '', ConfigName: obj.name !== '' ? obj.name : ns.scope(cred.config) })
    }
  }
  fileConfigRefs.sort((a, b) => byString(a.ConfigName, b.ConfigName))
  const all = [...fileConfigRefs, ...runtimeRefs].sort((a, b) => byString(a.ConfigName, b.ConfigName))
  return { all, credentialSpecConfig: runtimeRefs[0]?.ConfigName ?? null }
}
