import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertMounts } from './mounts'

const stack = (volumes: string, topLevel = ''): string => `services:\n  web:\n    image: nginx\n    volumes:\n${volumes}${topLevel}`

describe('convertMounts', () => {
  it.each([
    ['an anonymous volume', '      - /data\n', '', [{ Type: 'volume', Target: '/data' }], []],
    [
      'a stack volume: scoped name, stack label',
      '      - data:/data:ro\n',
      'volumes:\n  data: {}\n',
      [{ Type: 'volume', Source: 'app_data', Target: '/data', ReadOnly: true, VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'app' } } }],
      []
    ],
    [
      'a stack volume with a driver',
      '      - data:/data\n',
      'volumes:\n  data:\n    driver: local\n    driver_opts: { type: nfs }\n',
      [{ Type: 'volume', Source: 'app_data', Target: '/data', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'app' }, DriverConfig: { Name: 'local', Options: { type: 'nfs' } } } }],
      []
    ],
    [
      'an external volume: its own name, no labels',
      '      - data:/data\n',
      'volumes:\n  data:\n    external: true\n    name: shared\n',
      [{ Type: 'volume', Source: 'shared', Target: '/data', VolumeOptions: {} }],
      []
    ],
    ['an undefined volume is refused', '      - missing:/data\n', '', [], ['fail volumes.0: stacks.said.compile.undefinedVolume']],
    ['a bind mount (short syntax: no bind options)', '      - /srv:/srv\n', '', [{ Type: 'bind', Source: '/srv', Target: '/srv' }], []],
    ['a bind with propagation', '      - { type: bind, source: /srv, target: /srv, bind: { propagation: rshared } }\n', '', [{ Type: 'bind', Source: '/srv', Target: '/srv', BindOptions: { Propagation: 'rshared' } }], []],
    ['a tmpfs with a size', '      - { type: tmpfs, target: /tmp, tmpfs: { size: 1024 } }\n', '', [{ Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 1024 } }], []],
    ['a tmpfs with a source is refused', '      - { type: tmpfs, source: /x, target: /tmp }\n', '', [], ['fail volumes.0: stacks.said.compile.tmpfsSourceSet']],
    [
      'volume options on a bind are refused',
      '      - { type: bind, source: /srv, target: /srv, volume: { nocopy: true } }\n',
      '',
      [],
      ['fail volumes.0: stacks.said.compile.mountOptionsIncompatible']
    ],
    [
      'the refused mount is skipped, the others kept in order',
      '      - /a\n      - missing:/b\n      - /c:/c\n',
      '',
      [{ Type: 'volume', Target: '/a' }, { Type: 'bind', Source: '/c', Target: '/c' }],
      ['fail volumes.1: stacks.said.compile.undefinedVolume']
    ]
  ])('%s', (_name, volumes, topLevel, expected, problems) => {
    const { ns, model, service } = composeFragment(stack(volumes, topLevel))
    const seen = recordingProblems()
    expect(convertMounts(ns, model, service.volumes, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })

  it('no volumes: no mounts', () => {
    const { ns, model, service } = composeFragment('services:\n  web:\n    image: nginx\n')
    expect(convertMounts(ns, model, service.volumes, recordingProblems())).toEqual([])
  })
})
