import { describe, expect, it } from 'vitest'
import { composeFragment } from '../../../../tests/support/compose-fragment'
import { convertConfigs, convertSecrets } from './stack-objects'

const STACK_LABEL = { 'com.docker.stack.namespace': 'app' }
const stack = (topLevel: string): string => `services:\n  web:\n    image: nginx\n${topLevel}`

describe('convertSecrets', () => {
  it.each([
    ['none', '', []],
    [
      'file secrets sorted by key; external ones left out',
      'secrets:\n  b: { file: ./b.txt, labels: { x: y } }\n  a: { file: ./a.txt, name: custom }\n  c: { external: true }\n',
      [
        { key: 'a', name: 'custom', spec: { Name: 'custom', Labels: STACK_LABEL }, dataSource: { kind: 'file', path: '/fragment/a.txt' } },
        { key: 'b', name: 'app_b', spec: { Name: 'app_b', Labels: { x: 'y', ...STACK_LABEL } }, dataSource: { kind: 'file', path: '/fragment/b.txt' } }
      ]
    ],
    [
      'a driver secret with its options and a template driver',
      'secrets:\n  vault: { driver: vault, driver_opts: { path: kv/x }, template_driver: golang }\n',
      [{ key: 'vault', name: 'app_vault', spec: { Name: 'app_vault', Labels: STACK_LABEL, Driver: { Name: 'vault', Options: { path: 'kv/x' } }, Templating: { Name: 'golang' } }, dataSource: { kind: 'driver' } }]
    ]
  ])('%s', (_name, topLevel, expected) => {
    const { ns, model } = composeFragment(stack(topLevel))
    expect(convertSecrets(ns, model)).toEqual(expected)
  })
})

describe('convertConfigs', () => {
  it.each([
    ['none', '', []],
    [
      'file configs; external ones left out; template driver',
      'configs:\n  site: { file: ./site.conf, template_driver: golang }\n  shared: { external: true }\n',
      [{ key: 'site', name: 'app_site', spec: { Name: 'app_site', Labels: STACK_LABEL, Templating: { Name: 'golang' } }, dataSource: { kind: 'file', path: '/fragment/site.conf' } }]
    ]
  ])('%s', (_name, topLevel, expected) => {
    const { ns, model } = composeFragment(stack(topLevel))
    expect(convertConfigs(ns, model)).toEqual(expected)
  })
})
