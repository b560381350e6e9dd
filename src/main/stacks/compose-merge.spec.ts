// Merge rules of repeated `-c` (cli/compose/loader/merge.go). The quirky ones are also covered by
// the oracle-merge fixture, whose expected output comes from the real docker CLI.
import { describe, expect, it } from 'vitest'
import { loadCompose } from './compose-loader'
import type { ServiceConfig } from './compose-types'

function merged(base: string, override: string): ServiceConfig {
  const result = loadCompose({
    files: [
      { path: '/p/a.yml', text: `version: "3.13"\nservices:\n  web:\n    image: x\n${base}` },
      { path: '/p/b.yml', text: `version: "3.13"\nservices:\n  web:\n${override || '    image: x\n'}` }
    ],
    env: {}
  })
  if (!result.model) throw new Error(result.errors.map((e) => e.message).join('\n'))
  return result.model.services[0]
}

describe('mergeService', () => {
  it.each<[string, string, string, (s: ServiceConfig) => unknown, unknown]>([
    ['scalar: non-empty override wins', '    user: a\n', '    user: b\n', (s) => s.user, 'b'],
    ['scalar: empty override keeps base', '    user: a\n', '    user: ""\n', (s) => s.user, 'a'],
    ['bool: false never overrides true', '    read_only: true\n', '    read_only: false\n', (s) => s.readOnly, true],
    ['bool: true overrides false', '    tty: false\n', '    tty: true\n', (s) => s.tty, true],
    ['lists are appended', '    cap_add: [A]\n    dns: [1.1.1.1]\n', '    cap_add: [A, B]\n    dns: [8.8.8.8]\n', (s) => [s.capAdd, s.dns], [['A', 'A', 'B'], ['1.1.1.1', '8.8.8.8']]],
    ['command replaced when non-empty', '    command: [a, b]\n', '    command: [c]\n', (s) => s.command, ['c']],
    ['command kept when override empty', '    command: [a, b]\n', '    command: []\n', (s) => s.command, ['a', 'b']],
    ['labels merge key by key', '    labels: {a: "1", b: "2"}\n', '    labels: {b: "", c: "3"}\n', (s) => s.labels, { a: '1', b: '', c: '3' }],
    [
      'environment: empty/unset override does not replace a value',
      '    environment: {A: a, B: b, C: "", D: d}\n',
      '    environment: {A: "", B: x, C: c, D:, E: e}\n',
      (s) => s.environment,
      { A: 'a', B: 'x', C: 'c', D: 'd', E: 'e' }
    ],
    [
      'ports keyed by published port, base duplicates collapse, sorted',
      '    ports: ["80", "443", "8080:80"]\n',
      '    ports: ["9000:90"]\n',
      (s) => s.ports?.map((p) => `${p.published}->${p.target}`),
      ['0->443', '8080->80', '9000->90']
    ],
    ['ports: base without ports takes the override as is', '', '    ports: ["9000:90", "80"]\n', (s) => s.ports?.map((p) => `${p.published}->${p.target}`), ['9000->90', '0->80']],
    [
      'secrets keyed by source and sorted',
      '    secrets: [z, a]\n',
      '    secrets: [{source: a, target: t}]\n',
      (s) => s.secrets?.map((r) => `${r.source}:${r.target}`),
      ['a:t', 'z:']
    ],
    ['volumes keyed by target and sorted', '    volumes: ["v2:/z", "v1:/a"]\n', '    volumes: ["v3:/z"]\n', (s) => s.volumes?.map((v) => `${v.source}:${v.target}`), ['v1:/a', 'v3:/z']],
    ['replicas replaced when set, even by 0', '    deploy: {replicas: 3}\n', '    deploy: {replicas: 0}\n', (s) => s.deploy.replicas, 0],
    [
      'update_config merged field by field',
      '    deploy: {update_config: {parallelism: 2, delay: 10s}}\n',
      '    deploy: {update_config: {order: start-first}}\n',
      (s) => s.deploy.updateConfig,
      { parallelism: 2, delay: 10e9, failureAction: '', monitor: 0, maxFailureRatio: 0, order: 'start-first' }
    ],
    ['constraints appended', '    deploy: {placement: {constraints: [a==1]}}\n', '    deploy: {placement: {constraints: [b==2]}}\n', (s) => s.deploy.placement.constraints, ['a==1', 'b==2']],
    ['duration: 0s does not override', '    stop_grace_period: 20s\n', '    stop_grace_period: 0s\n', (s) => s.stopGracePeriod, 20e9],
    ['healthcheck tests are appended', '    healthcheck: {test: [CMD, a]}\n', '    healthcheck: {test: [CMD, b]}\n', (s) => s.healthcheck?.test, ['CMD', 'a', 'CMD', 'b']],
    ['logging: options dropped when the base had none', '    logging: {driver: json-file}\n', '    logging: {options: {max-size: 1m}}\n', (s) => s.logging, { driver: 'json-file', options: null }],
    [
      'logging: same driver merges options',
      '    logging: {driver: json-file, options: {a: "1"}}\n',
      '    logging: {driver: json-file, options: {b: "2"}}\n',
      (s) => s.logging,
      { driver: 'json-file', options: { a: '1', b: '2' } }
    ],
    ['logging: other driver replaces', '    logging: {driver: json-file, options: {a: "1"}}\n', '    logging: {driver: syslog}\n', (s) => s.logging, { driver: 'syslog', options: null }],
    [
      'networks: aliases replaced, driver_opts kept',
      '    networks: {n: {aliases: [a], driver_opts: {k: v}}}\n',
      '    networks: {n: {aliases: [b]}}\n',
      (s) => s.networks.n,
      { aliases: ['b'], driverOpts: { k: 'v' }, ipv4Address: '', ipv6Address: '' }
    ],
    ['ulimits replaced per name', '    ulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}\n', '    ulimits: {nofile: 9}\n', (s) => s.ulimits, { nofile: { single: 9, soft: 0, hard: 0 }, nproc: { single: 5, soft: 0, hard: 0 } }]
  ])('%s', (_name, base, override, pick, want) => {
    expect(pick(merged(base, override))).toEqual(want)
  })

  it('top-level entries are replaced whole and services sorted by name', () => {
    const result = loadCompose({
      files: [
        { path: '/p/a.yml', text: 'services:\n  z: {image: x}\nnetworks:\n  n: {driver: overlay, attachable: true}\n' },
        { path: '/p/b.yml', text: 'services:\n  a: {image: y}\nnetworks:\n  n: {internal: true}\n' }
      ],
      env: {}
    })
    expect(result.model?.services.map((s) => s.name)).toEqual(['a', 'z'])
    expect(result.model?.networks.n).toMatchObject({ driver: '', attachable: false, internal: true })
  })
})
