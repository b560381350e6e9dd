import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertResources } from './resources'

const service = (resources: string): string => `services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n${resources}`

describe('convertResources', () => {
  it.each([
    ['nothing set', '        {}\n', {}, []],
    ['limits', "        limits: { cpus: '0.5', memory: 64M, pids: 100 }\n", { Limits: { NanoCPUs: 5e8, MemoryBytes: 64 * 1024 * 1024, Pids: 100 } }, []],
    ['an empty limits section is sent empty', '        limits: {}\n', { Limits: {} }, []],
    [
      'reservations with generic resources',
      "        reservations:\n          cpus: '1'\n          memory: 1G\n          generic_resources:\n            - discrete_resource_spec: { kind: gpu, value: 2 }\n",
      { Reservations: { NanoCPUs: 1e9, MemoryBytes: 1024 * 1024 * 1024, GenericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 2 } }] } },
      []
    ],
    ['cpus the engine would refuse', "        limits: { cpus: '0.0001' }\n", { Limits: { NanoCPUs: 1e5 } }, ['fail deploy.resources.limits.cpus: stacks.said.compile.cpusMinimum']],
    ['memory the engine would refuse', '        reservations: { memory: 1M }\n', { Reservations: { MemoryBytes: 1024 * 1024 } }, ['fail deploy.resources.reservations.memory: stacks.said.compile.memoryMinimum']]
  ])('%s', (_name, resources, expected, problems) => {
    const seen = recordingProblems()
    expect(convertResources(composeFragment(service(resources)).service.deploy.resources, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })

  it('cpus that do not parse are refused and left out', () => {
    const { service: parsed } = composeFragment(service("        limits: { cpus: '1' }\n"))
    const seen = recordingProblems()
    const limits = { ...parsed.deploy.resources.limits!, nanoCPUs: 'lots' }
    expect(convertResources({ limits, reservations: null }, seen)).toEqual({ Limits: {} })
    expect(seen.seen).toHaveLength(1)
    expect(seen.seen[0]).toMatch(/^fail deploy\.resources\.limits\.cpus: /)
  })
})
