import { describe, expect, it } from 'vitest'
import { composeFragment } from '../../../../tests/support/compose-fragment'
import { convertEndpoint } from './endpoint'

const service = (body: string): string => `services:\n  web:\n    image: nginx\n${body}`

describe('convertEndpoint', () => {
  it.each([
    ['no ports, no endpoint mode', '', {}],
    ['short syntax, sorted by published port', '    ports: ["8080:80", "443:443/tcp", "53:53/udp"]\n', {
      Ports: [
        { Protocol: 'udp', TargetPort: 53, PublishedPort: 53, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 443, PublishedPort: 443, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }
      ]
    }],
    ['a target only: no PublishedPort', '    ports: ["80"]\n', { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishMode: 'ingress' }] }],
    ['long syntax without a protocol leaves it to the engine', '    ports:\n      - { target: 80, published: 8080, mode: host }\n', { Ports: [{ TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }] }],
    ['endpoint_mode lower-cased', '    deploy:\n      endpoint_mode: DNSRR\n', { Mode: 'dnsrr' }]
  ])('%s', (_name, body, expected) => {
    expect(convertEndpoint(composeFragment(service(body)).service)).toEqual(expected)
  })
})
