import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertNetworks, convertServiceNetworks } from './networks'

const STACK_LABEL = { 'com.docker.stack.namespace': 'app' }
const overlay = (name: string, extra: object = {}): object => ({
  Name: name,
  Driver: 'overlay',
  Scope: '',
  IPAM: null,
  Internal: false,
  Attachable: false,
  Ingress: false,
  ConfigOnly: false,
  ConfigFrom: null,
  Options: null,
  Labels: STACK_LABEL,
  ...extra
})

describe('convertServiceNetworks', () => {
  it.each([
    ['no networks: the default one, aliased by the service key', 'services:\n  web:\n    image: nginx\n', [{ Target: 'app_default', Aliases: ['web'] }], []],
    [
      'aliases first, then the service key; sorted by target',
      'services:\n  web:\n    image: nginx\n    networks:\n      front: { aliases: [www] }\n      back: {}\nnetworks:\n  front: {}\n  back: {}\n',
      [
        { Target: 'app_back', Aliases: ['web'] },
        { Target: 'app_front', Aliases: ['www', 'web'] }
      ],
      []
    ],
    [
      'an external network by its name',
      'services:\n  web:\n    image: nginx\n    networks: [shared]\nnetworks:\n  shared:\n    external: true\n    name: proxy\n',
      [{ Target: 'proxy', Aliases: ['web'] }],
      []
    ],
    ['host is not user-defined: no alias', 'services:\n  web:\n    image: nginx\n    networks: [hostnet]\nnetworks:\n  hostnet:\n    external: true\n    name: host\n', [{ Target: 'host' }], []],
    ['an undefined network is refused', 'services:\n  web:\n    image: nginx\n    networks: [nowhere]\n', [], ['fail networks.nowhere: stacks.said.compile.undefinedNetwork']]
  ])('%s', (_name, yaml, expected, problems) => {
    const { ns, model, service } = composeFragment(yaml)
    const seen = recordingProblems()
    expect(convertServiceNetworks(ns, model, service, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })
})

describe('convertNetworks', () => {
  it.each([
    ['the default network when a service has none', 'services:\n  web:\n    image: nginx\n', { networks: [{ key: 'default', name: 'app_default', spec: overlay('app_default') }], externalNetworks: [], unused: [] }],
    [
      'only used networks are made; unused ones are reported; external ones listed',
      'services:\n  web:\n    image: nginx\n    networks: [front, shared]\nnetworks:\n  front:\n    attachable: true\n    labels: { tier: front }\n  spare: {}\n  shared:\n    external: true\n    name: proxy\n',
      {
        networks: [{ key: 'front', name: 'app_front', spec: overlay('app_front', { Attachable: true, Labels: { tier: 'front', ...STACK_LABEL } }) }],
        externalNetworks: ['proxy'],
        unused: ['spare']
      }
    ],
    [
      'ipam subnets, written as Go writes them back',
      'services:\n  web:\n    image: nginx\n    networks: [front]\nnetworks:\n  front:\n    ipam:\n      config:\n        - subnet: "2001:DB8:0::/32"\n',
      { networks: [{ key: 'front', name: 'app_front', spec: overlay('app_front', { IPAM: { Driver: '', Options: null, Config: [{ Subnet: '2001:db8::/32' }] } }) }], externalNetworks: [], unused: [] }
    ]
  ])('%s', (_name, yaml, expected) => {
    const { ns, model } = composeFragment(yaml)
    expect(convertNetworks(ns, model)).toEqual(expected)
  })
})
