import { describe, expect, it } from 'vitest'
import type { ConstraintMismatch, PlacementReasonFacts, Unsuitable } from '../../shared/placement'
import { constraintMismatchPhrase, placementReasonPhrase, unsuitablePhrase } from '../../shared/placement-phrases'
import { english } from '../i18n/english'
import { placementReason } from './placement-text'

const reasonText = (facts: PlacementReasonFacts): string => english(placementReasonPhrase(facts))
const mismatchText = (constraint: string, mismatch: ConstraintMismatch): string => english(constraintMismatchPhrase(constraint, mismatch))
const unsuitableText = (unsuitable: Unsuitable): string => english(unsuitablePhrase(unsuitable))

describe('the English of every per-node reason (the CLI and JSON `message`), from the shared phrases', () => {
  const cases: [PlacementReasonFacts, string][] = [
    [{ code: 'NODE_NOT_READY', state: 'down' }, 'node is down'],
    [{ code: 'NODE_NOT_READY', state: 'disconnected' }, 'node is disconnected'],
    [{ code: 'NODE_NOT_READY', state: 'unknown' }, 'node state is unknown'],
    [{ code: 'NODE_NOT_READY', state: 'ready' }, 'node state is ready'],
    [{ code: 'RESOURCES_CPU', reservedNanoCpus: 2e9, freeNanoCpus: 1e9, full: false }, 'reserves 2 CPUs, 1 CPU free'],
    [{ code: 'RESOURCES_CPU', reservedNanoCpus: 0.1234e9, freeNanoCpus: -1, full: false }, 'reserves 0.123 CPUs, 0 CPUs free'],
    [{ code: 'NODE_DRAINED' }, 'node is drained: it runs no tasks'],
    [{ code: 'NODE_PAUSED' }, 'node is paused: it keeps its tasks but gets no new ones'],
    [{ code: 'CONSTRAINT', constraint: 'node.labels.zone == a', mismatch: { code: 'label-missing', engine: false } }, 'node.labels.zone == a: label not set'],
    [{ code: 'PLATFORM', wanted: ['linux/arm64', '*/s390x'], os: 'linux', arch: '' }, 'image supports linux/arm64, */s390x; node is linux/?'],
    [{ code: 'RESOURCES_CPU', reservedNanoCpus: 1.5e9, freeNanoCpus: 0.25e9, full: false }, 'reserves 1.5 CPUs, 0.25 CPUs free'],
    [{ code: 'RESOURCES_CPU', reservedNanoCpus: 1e9, freeNanoCpus: 0, full: true }, 'full: reserves 1 CPU, 0 CPUs left'],
    [{ code: 'RESOURCES_MEMORY', reservedBytes: 512 * 1024 ** 2, freeBytes: 1.5 * 1024 ** 3, full: false }, 'reserves 512 MiB of memory, 1.5 GiB free'],
    [{ code: 'RESOURCES_MEMORY', reservedBytes: 1024 ** 3, freeBytes: 0, full: true }, 'full: reserves 1 GiB, 0 B left'],
    [{ code: 'HOST_PORT', ports: ['tcp/8080'], full: false }, 'host-mode port tcp/8080 is already used on the node by another service'],
    [{ code: 'HOST_PORT', ports: ['tcp/80', 'udp/53'], full: true }, 'one task per node: host-mode port tcp/80, udp/53'],
    [{ code: 'MAX_REPLICAS', max: 2 }, 'max_replicas_per_node is 2'],
    [{ code: 'INVALID_SPEC', error: 'constraint expected one operator from ==, !=' }, 'the engine refuses this service: constraint expected one operator from ==, !=']
  ]
  it.each(cases)('%j', (facts, text) => {
    expect(reasonText(facts)).toBe(text)
    expect(placementReason(facts)).toEqual({ ...facts, message: text })
    expect(JSON.stringify(placementReason(facts))).toBe(JSON.stringify({ ...facts, message: text }))
  })
})

describe('mismatchText', () => {
  const cases: [ConstraintMismatch, string][] = [
    [{ code: 'unknown-key' }, 'c: unknown key, no node can match'],
    [{ code: 'ip-invalid', value: 'x' }, "c: 'x' is neither an IP address nor a CIDR, no node can match"],
    [{ code: 'address-not-ip', address: 'host' }, "c: node address 'host' is not an IP address"],
    [{ code: 'address', address: '10.0.0.2' }, 'c: node address is 10.0.0.2'],
    [{ code: 'label-missing', engine: true }, 'c: engine label not set'],
    [{ code: 'label', engine: false, label: 'zone', value: 'b' }, 'c: node has zone=b'],
    [{ code: 'label', engine: true, label: 'ssd', value: 'no' }, 'c: node has engine label ssd=no'],
    [{ code: 'role', role: 'manager' }, 'c: node is a manager'],
    [{ code: 'role', role: 'worker' }, 'c: node is a worker'],
    [{ code: 'hostname', hostname: 'web-1' }, 'c: node hostname is web-1'],
    [{ code: 'arch', arch: '', literal: false }, 'c: node arch is (unknown)'],
    [{ code: 'hostname', hostname: '' }, 'c: node hostname is (none)'],
    [{ code: 'id', id: 'abc' }, 'c: node id is abc'],
    [{ code: 'os', os: '' }, 'c: node os is (unknown)'],
    [{ code: 'arch', arch: 'x86_64', literal: true }, "c: node arch is x86_64 (constraints compare the engine's x86_64 literally: write x86_64)"],
    [{ code: 'arch', arch: 'aarch64', literal: false }, 'c: node arch is aarch64']
  ]
  it.each(cases)('%j', (mismatch, text) => expect(mismatchText('c', mismatch)).toBe(text))
})

describe("unsuitableText: swarmkit's own words for pending tasks", () => {
  const cases: [Unsuitable, string][] = [
    [[], 'no suitable node'],
    [[{ filter: 'constraints', nodes: 2 }, { filter: 'not-ready', nodes: 1 }], 'no suitable node (scheduling constraints not satisfied on 2 nodes; 1 node not available for new tasks)'],
    [[{ filter: 'not-ready', nodes: 3 }, { filter: 'resources', nodes: 1 }], 'no suitable node (3 nodes not available for new tasks; insufficient resources on 1 node)'],
    [[{ filter: 'platform', nodes: 4 }, { filter: 'host-port', nodes: 2 }], 'no suitable node (unsupported platform on 4 nodes; host-mode port already in use on 2 nodes)'],
    [[{ filter: 'max-replicas', nodes: 3 }], 'no suitable node (max replicas per node limit exceed)']
  ]
  it.each(cases)('%j', (unsuitable, text) => expect(unsuitableText(unsuitable)).toBe(text))
})
