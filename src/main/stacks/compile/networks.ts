// Networks: the stack's own (convertNetworks: created when missing) and a service's attachments
// (convertServiceNetworks: `default` when none, aliases + the service key on user-defined ones).
import { phrase } from '../../../shared/phrase'
import type { ComposeModel, NetworkConfig, ServiceConfig } from '../compose-types'
import type { NetworkAttachmentBody, NetworkCreateBody } from '../../docker/engine-specs'
import { canonicalPrefix } from '../go-parse'
import { byString, DEFAULT_NETWORK, isUserDefinedNetwork, nonEmptyMap, withStackLabel, type Namespace, type ServiceProblems } from './common'

const DEFAULT_NETWORK_DRIVER = 'overlay'

export interface CompiledNetwork {
  key: string
  name: string
  spec: NetworkCreateBody
}

export interface StackNetworks {
  /** networks to create when missing, sorted by name */
  networks: CompiledNetwork[]
  /** external networks referenced by services */
  externalNetworks: string[]
  /** keys of declared networks no service uses (not external) */
  unused: string[]
}

/** only the networks some service uses; a service without networks uses `default` */
export function convertNetworks(ns: Namespace, model: ComposeModel): StackNetworks {
  const used = new Set<string>()
  for (const service of model.services) {
    const keys = Object.keys(service.networks)
    if (keys.length === 0) used.add(DEFAULT_NETWORK)
    for (const key of keys) used.add(key)
  }
  const networks: CompiledNetwork[] = []
  const externalNetworks: string[] = []
  for (const key of [...used].sort(byString)) {
    const nw = Object.prototype.hasOwnProperty.call(model.networks, key) ? model.networks[key] : undefined
    if (nw?.external.external) {
      externalNetworks.push(nw.name)
      continue
    }
    const spec = convertNetwork(ns, key, nw)
    networks.push({ key, name: spec.Name, spec })
  }
  networks.sort((a, b) => byString(a.name, b.name))
  const unused = Object.entries(model.networks)
    .filter(([key, nw]) => !used.has(key) && !nw.external.external)
    .map(([key]) => key)
  return { networks, externalNetworks, unused }
}

function convertNetwork(ns: Namespace, key: string, nw: NetworkConfig | undefined): NetworkCreateBody {
  const config = nw ?? null
  let ipam: NetworkCreateBody['IPAM'] = null
  if (config && (config.ipam.driver !== '' || config.ipam.config.length > 0)) {
    const entries = config.ipam.config.map((c) => {
      const subnet = canonicalPrefix(c.subnet)
      return subnet ? { Subnet: subnet } : {}
    })
    ipam = { Driver: config.ipam.driver, Options: null, Config: entries.length > 0 ? entries : null }
  }
  return {
    Name: config && config.name !== '' ? config.name : ns.scope(key),
    Driver: config && config.driver !== '' ? config.driver : DEFAULT_NETWORK_DRIVER,
    Scope: '',
    IPAM: ipam,
    Internal: config?.internal ?? false,
    Attachable: config?.attachable ?? false,
    Ingress: false,
    ConfigOnly: false,
    ConfigFrom: null,
    Options: config?.driverOpts ?? null,
    Labels: withStackLabel(ns, config?.labels)
  }
}

/** sorted by target */
export function convertServiceNetworks(ns: Namespace, model: ComposeModel, service: ServiceConfig, problems: ServiceProblems): NetworkAttachmentBody[] {
  const key = service.name
  const attachments: NetworkAttachmentBody[] = []
  const serviceNetworks = Object.keys(service.networks).length > 0 ? service.networks : { [DEFAULT_NETWORK]: null }
  for (const [networkKey, cfg] of Object.entries(serviceNetworks)) {
    const declared = Object.prototype.hasOwnProperty.call(model.networks, networkKey) ? model.networks[networkKey] : undefined
    if (!declared && networkKey !== DEFAULT_NETWORK) {
      problems.fail(`networks.${networkKey}`, phrase('stacks.said.compile.undefinedNetwork', { name: networkKey }))
      continue
    }
    const target = declared && declared.name !== '' ? declared.name : ns.scope(networkKey)
    const aliases = [...(cfg?.aliases ?? [])]
    if (isUserDefinedNetwork(target)) aliases.push(key)
    const attachment: NetworkAttachmentBody = { Target: target }
    if (aliases.length > 0) attachment.Aliases = aliases
    const driverOpts = nonEmptyMap(cfg?.driverOpts)
    if (driverOpts) attachment.DriverOpts = driverOpts
    attachments.push(attachment)
  }
  attachments.sort((a, b) => byString(a.Target ?? '', b.Target ?? ''))
  return attachments
}
