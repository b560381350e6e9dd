// The container spec: the service's own fields (image, command, env, hosts, capabilities,
// ulimits, ...) plus the parts converted elsewhere (mounts, healthcheck, DNS, secrets, configs,
// credential spec), in the field order docker/cli's convertService fills them.
import type { ServiceConfig } from '../compose-types'
import type { ConfigReferenceBody, ContainerSpecBody, CredentialSpecBody, HealthcheckBody, MountBody, SecretReferenceBody } from '../../docker/engine-specs'
import { byString, nonEmptyMap, withStackLabel, type Namespace } from './common'

/** opts.EffectiveCapAddCapDrop */
export function effectiveCapabilities(add: string[], drop: string[]): { add: string[]; drop: string[] } {
  const normalize = (c: string): string => {
    const up = c.trim().toUpperCase()
    return up === 'ALL' || up === 'RESET' || up.startsWith('CAP_') ? up : `CAP_${up}`
  }
  let addSet = new Set(add.map(normalize))
  let dropSet = new Set(drop.map(normalize))
  if (addSet.has('ALL')) addSet = new Set(['ALL'])
  if (dropSet.has('ALL')) dropSet = new Set(['ALL'])
  const outDrop = [...dropSet].filter((c) => !addSet.has(c) && c !== 'RESET').sort(byString)
  const outAdd = [...addSet].filter((c) => c !== 'RESET').sort(byString)
  return { add: outAdd, drop: outDrop }
}

/** `host:ip` entries as the engine's `ip host` lines; entries without a colon are dropped */
export function convertExtraHosts(extraHosts: string[]): string[] {
  return extraHosts.filter((h) => h.includes(':')).map((h) => {
    const at = h.indexOf(':')
    return `${h.slice(at + 1)} ${h.slice(0, at)}`
  })
}

/** `KEY=value`, or a bare `KEY` the environment did not have, sorted */
export function convertEnvironment(environment: ServiceConfig['environment']): string[] {
  return Object.entries(environment)
    .map(([name, value]) => (value === null ? name : `${name}=${value}`))
    .sort(byString)
}

export function convertUlimits(ulimits: ServiceConfig['ulimits']): NonNullable<ContainerSpecBody['Ulimits']> {
  return Object.entries(ulimits)
    .map(([name, u]) => (u.single !== 0 ? { Name: name, Hard: u.single, Soft: u.single } : { Name: name, Hard: u.hard, Soft: u.soft }))
    .sort((a, b) => byString(a.Name, b.Name))
}

/** the parts of the container spec converted by their own functions */
export interface ContainerParts {
  mounts: MountBody[]
  healthcheck: HealthcheckBody | undefined
  dnsConfig: ContainerSpecBody['DNSConfig']
  secrets: SecretReferenceBody[]
  configs: ConfigReferenceBody[]
  credentialSpec: CredentialSpecBody | null
}

export function convertContainerSpec(ns: Namespace, service: ServiceConfig, parts: ContainerParts): ContainerSpecBody {
  const { mounts, healthcheck, dnsConfig, secrets: secretRefs, configs: configRefs, credentialSpec } = parts
  const extraHosts = convertExtraHosts(service.extraHosts)
  const env = convertEnvironment(service.environment)
  const caps = effectiveCapabilities(service.capAdd, service.capDrop)
  const ulimits = convertUlimits(service.ulimits)

  const containerSpec: ContainerSpecBody = {
    Privileges: { CredentialSpec: credentialSpec, SELinuxContext: null, NoNewPrivileges: false }
  }
  if (service.image !== '') containerSpec.Image = service.image
  containerSpec.Labels = withStackLabel(ns, service.labels)
  if (service.entrypoint && service.entrypoint.length > 0) containerSpec.Command = service.entrypoint
  if (service.command && service.command.length > 0) containerSpec.Args = service.command
  if (service.hostname !== '') containerSpec.Hostname = service.hostname
  if (env.length > 0) containerSpec.Env = env
  if (service.workingDir !== '') containerSpec.Dir = service.workingDir
  if (service.user !== '') containerSpec.User = service.user
  if (service.init !== null) containerSpec.Init = service.init
  if (service.stopSignal !== '') containerSpec.StopSignal = service.stopSignal
  if (service.tty) containerSpec.TTY = true
  if (service.stdinOpen) containerSpec.OpenStdin = true
  if (service.readOnly) containerSpec.ReadOnly = true
  if (mounts.length > 0) containerSpec.Mounts = mounts
  if (service.stopGracePeriod !== null) containerSpec.StopGracePeriod = service.stopGracePeriod
  if (healthcheck) containerSpec.Healthcheck = healthcheck
  if (extraHosts.length > 0) containerSpec.Hosts = extraHosts
  if (dnsConfig) containerSpec.DNSConfig = dnsConfig
  if (secretRefs.length > 0) containerSpec.Secrets = secretRefs
  if (configRefs.length > 0) containerSpec.Configs = configRefs
  if (service.isolation !== '') containerSpec.Isolation = service.isolation
  const sysctls = nonEmptyMap(service.sysctls)
  if (sysctls) containerSpec.Sysctls = sysctls
  if (caps.add.length > 0) containerSpec.CapabilityAdd = caps.add
  if (caps.drop.length > 0) containerSpec.CapabilityDrop = caps.drop
  if (ulimits.length > 0) containerSpec.Ulimits = ulimits
  if (service.oomScoreAdj !== 0) containerSpec.OomScoreAdj = service.oomScoreAdj
  return containerSpec
}
