import { describe, expect, it } from 'vitest'
import { composeFragment } from '../../../../tests/support/compose-fragment'
import { convertContainerSpec, convertEnvironment, convertExtraHosts, convertUlimits, type ContainerParts } from './container'

const NO_PARTS: ContainerParts = { mounts: [], healthcheck: undefined, dnsConfig: undefined, secrets: [], configs: [], credentialSpec: null }
const PRIVILEGES = { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false }
const STACK_LABEL = { 'com.docker.stack.namespace': 'app' }
const service = (body: string): string => `services:\n  web:\n    image: nginx\n${body}`

describe('convertContainerSpec', () => {
  it.each([
    ['the image and the stack label only', '', { Privileges: PRIVILEGES, Image: 'nginx', Labels: STACK_LABEL }],
    [
      'entrypoint is Command, command is Args',
      '    entrypoint: ["/bin/sh", "-c"]\n    command: echo hi\n',
      { Privileges: PRIVILEGES, Image: 'nginx', Labels: STACK_LABEL, Command: ['/bin/sh', '-c'], Args: ['echo', 'hi'] }
    ],
    [
      'process settings',
      "    hostname: box\n    working_dir: /srv\n    user: '1000'\n    init: false\n    stop_signal: SIGINT\n    tty: true\n    stdin_open: true\n    read_only: true\n    stop_grace_period: 5s\n    isolation: default\n    oom_score_adj: -100\n",
      {
        Privileges: PRIVILEGES,
        Image: 'nginx',
        Labels: STACK_LABEL,
        Hostname: 'box',
        Dir: '/srv',
        User: '1000',
        Init: false,
        StopSignal: 'SIGINT',
        TTY: true,
        OpenStdin: true,
        ReadOnly: true,
        StopGracePeriod: 5e9,
        Isolation: 'default',
        OomScoreAdj: -100
      }
    ],
    [
      'capabilities as the CLI makes them effective; sysctls',
      '    cap_add: [net_admin]\n    cap_drop: [ALL]\n    sysctls: { net.core.somaxconn: 1024 }\n',
      { Privileges: PRIVILEGES, Image: 'nginx', Labels: STACK_LABEL, Sysctls: { 'net.core.somaxconn': '1024' }, CapabilityAdd: ['CAP_NET_ADMIN'], CapabilityDrop: ['ALL'] }
    ]
  ])('%s', (_name, body, expected) => {
    const { ns, service: parsed } = composeFragment(service(body))
    expect(convertContainerSpec(ns, parsed, NO_PARTS)).toEqual(expected)
  })

  it('places the parts converted elsewhere', () => {
    const { ns, service: parsed } = composeFragment(service(''))
    const parts: ContainerParts = {
      mounts: [{ Type: 'volume', Target: '/data' }],
      healthcheck: { Test: ['NONE'] },
      dnsConfig: { Search: ['example.org'] },
      secrets: [{ File: { Name: 's', UID: '0', GID: '0', Mode: 0o444 }, SecretID: '', SecretName: 'app_s' }],
      configs: [{ Runtime: {}, ConfigID: '', ConfigName: 'app_c' }],
      credentialSpec: { Config: 'app_c', File: '', Registry: '' }
    }
    expect(convertContainerSpec(ns, parsed, parts)).toEqual({
      Privileges: { ...PRIVILEGES, CredentialSpec: parts.credentialSpec },
      Image: 'nginx',
      Labels: STACK_LABEL,
      Mounts: parts.mounts,
      Healthcheck: parts.healthcheck,
      DNSConfig: parts.dnsConfig,
      Secrets: parts.secrets,
      Configs: parts.configs
    })
  })
})

describe('container fields', () => {
  it.each([
    [['db:10.0.0.2', 'v6:::1', 'nocolon'], ['10.0.0.2 db', '::1 v6']],
    [[], []]
  ])('extra hosts %j', (input, expected) => {
    expect(convertExtraHosts(input)).toEqual(expected)
  })

  it.each([
    [{ B: '2', A: '1' }, ['A=1', 'B=2']],
    [{ EMPTY: '', BARE: null }, ['BARE', 'EMPTY=']]
  ])('environment %j', (input, expected) => {
    expect(convertEnvironment(input)).toEqual(expected)
  })

  it('ulimits: a single value is both soft and hard; sorted by name', () => {
    expect(
      convertUlimits({
        nproc: { single: 65535, soft: 0, hard: 0 },
        nofile: { single: 0, soft: 20000, hard: 40000 }
      })
    ).toEqual([
      { Name: 'nofile', Hard: 40000, Soft: 20000 },
      { Name: 'nproc', Hard: 65535, Soft: 65535 }
    ])
  })
})
