// `dns:` and `dns_search:`: invalid nameservers are dropped silently by the CLI; we warn.
import { phrase } from '../../../shared/phrase'
import type { ServiceConfig } from '../compose-types'
import type { ContainerSpecBody } from '../../docker/engine-specs'
import { canonicalIP } from '../go-parse'
import type { ServiceProblems } from './common'

export function convertDNSConfig(service: ServiceConfig, problems: ServiceProblems): ContainerSpecBody['DNSConfig'] {
  if (service.dns.length === 0 && service.dnsSearch.length === 0) return undefined
  const nameservers: string[] = []
  for (const ip of service.dns) {
    const canonical = canonicalIP(ip)
    if (canonical === null) problems.warn('dns', phrase('stacks.said.compile.dnsNotIp', { entry: JSON.stringify(ip) }))
    else nameservers.push(canonical)
  }
  const dnsConfig: NonNullable<ContainerSpecBody['DNSConfig']> = {}
  if (nameservers.length > 0) dnsConfig.Nameservers = nameservers
  if (service.dnsSearch.length > 0) dnsConfig.Search = service.dnsSearch
  return dnsConfig
}
