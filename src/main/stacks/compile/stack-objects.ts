// The stack's own secrets and configs (those not external), sorted by key: convertSecrets /
// convertConfigs. Their data is read later, by the applier, from the file they name.
import type { ComposeModel, FileObjectConfig } from '../compose-types'
import type { ConfigSpecBody, SecretSpecBody } from '../../docker/engine-specs'
import { byString, nonEmptyMap, withStackLabel, type Namespace } from './common'

export type FileDataSource = { kind: 'file'; path: string } | { kind: 'driver' }

export interface CompiledSecret {
  key: string
  name: string
  spec: SecretSpecBody
  dataSource: FileDataSource
}

export interface CompiledConfig {
  key: string
  name: string
  spec: ConfigSpecBody
  dataSource: { kind: 'file'; path: string }
}

function fileObjectName(ns: Namespace, key: string, obj: FileObjectConfig): string {
  return obj.name !== '' ? obj.name : ns.scope(key)
}

export function convertSecrets(ns: Namespace, model: ComposeModel): CompiledSecret[] {
  const secrets: CompiledSecret[] = []
  for (const [key, secret] of Object.entries(model.secrets).sort(([a], [b]) => byString(a, b))) {
    if (secret.external.external) continue
    const name = fileObjectName(ns, key, secret)
    const spec: SecretSpecBody = { Name: name, Labels: withStackLabel(ns, secret.labels) }
    if (secret.driver !== '') {
      spec.Driver = { Name: secret.driver }
      const opts = nonEmptyMap(secret.driverOpts)
      if (opts) spec.Driver.Options = opts
    }
    if (secret.templateDriver !== '') spec.Templating = { Name: secret.templateDriver }
    secrets.push({ key, name, spec, dataSource: secret.driver !== '' ? { kind: 'driver' } : { kind: 'file', path: secret.file } })
  }
  return secrets
}

export function convertConfigs(ns: Namespace, model: ComposeModel): CompiledConfig[] {
  const configs: CompiledConfig[] = []
  for (const [key, config] of Object.entries(model.configs).sort(([a], [b]) => byString(a, b))) {
    if (config.external.external) continue
    const name = fileObjectName(ns, key, config)
    const spec: ConfigSpecBody = { Name: name, Labels: withStackLabel(ns, config.labels) }
    if (config.templateDriver !== '') spec.Templating = { Name: config.templateDriver }
    configs.push({ key, name, spec, dataSource: { kind: 'file', path: config.file } })
  }
  return configs
}
