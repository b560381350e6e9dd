// deploy.endpoint_mode and ports: convertEndpointSpec, ports sorted as the CLI sorts them.
import type { ServiceConfig } from '../compose-types'
import type { PortConfigBody, ServiceSpecBody } from '../../docker/engine-specs'
import { byString } from './common'

function comparePorts(a: PortConfigBody, b: PortConfigBody): number {
  return (
    (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0) ||
    (a.TargetPort ?? 0) - (b.TargetPort ?? 0) ||
    byString(a.Protocol ?? '', b.Protocol ?? '') ||
    byString(a.PublishMode ?? '', b.PublishMode ?? '')
  )
}

export function convertEndpoint(service: ServiceConfig): ServiceSpecBody['EndpointSpec'] {
  const ports: PortConfigBody[] = (service.ports ?? []).map((p) => {
    const body: PortConfigBody = {}
    if (p.protocol !== '') body.Protocol = p.protocol
    if (p.target !== 0) body.TargetPort = p.target
    if (p.published !== 0) body.PublishedPort = p.published
    if (p.mode !== '') body.PublishMode = p.mode
    return body
  })
  ports.sort(comparePorts)
  const endpointSpec: ServiceSpecBody['EndpointSpec'] = {}
  if (service.deploy.endpointMode !== '') endpointSpec.Mode = service.deploy.endpointMode.toLowerCase()
  if (ports.length > 0) endpointSpec.Ports = ports
  return endpointSpec
}
