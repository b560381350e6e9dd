import { describe, expect, it } from 'vitest'
import { defaultFileName, deployCommand, directoryOf, dotEnvPathOf, inspectCommands, removeCommand, type DeployCommandInput } from './stack-cli'

const base: DeployCommandInput = { stack: 'shop', files: ['docker-compose.yml'], prune: false, resolveImage: 'always', withRegistryAuth: false, wait: false, useDotEnv: false }

describe('deployCommand', () => {
  it.each<[Partial<DeployCommandInput>, string]>([
    [{}, 'docker stack deploy -c docker-compose.yml shop'],
    [{ files: ['/srv/a.yml', '/srv/b.yml'] }, 'docker stack deploy -c /srv/a.yml -c /srv/b.yml shop'],
    [{ prune: true }, 'docker stack deploy -c docker-compose.yml --prune shop'],
    [{ resolveImage: 'never' }, 'docker stack deploy -c docker-compose.yml --resolve-image never shop'],
    [{ resolveImage: 'changed', withRegistryAuth: true }, 'docker stack deploy -c docker-compose.yml --resolve-image changed --with-registry-auth shop'],
    [{ wait: true }, 'docker stack deploy -c docker-compose.yml --detach=false shop'],
    [{ prune: true, wait: true, resolveImage: 'never' }, 'docker stack deploy -c docker-compose.yml --prune --resolve-image never --detach=false shop'],
    [{ files: ['my stack.yml'] }, `docker stack deploy -c 'my stack.yml' shop`],
    [{ stack: '' }, 'docker stack deploy -c docker-compose.yml STACK'],
    [{ useDotEnv: true, files: ['/srv/shop/stack.yml'] }, 'set -a; . /srv/shop/.env; set +a\ndocker stack deploy -c /srv/shop/stack.yml shop'],
    [{ useDotEnv: true }, 'set -a; . ./.env; set +a\ndocker stack deploy -c docker-compose.yml shop']
  ])('%j', (input, expected) => {
    expect(deployCommand({ ...base, ...input })).toBe(expected)
  })
})

describe('paths', () => {
  it.each([
    ['/srv/shop/stack.yml', '/srv/shop', '/srv/shop/.env'],
    ['stack.yml', '.', './.env'],
    ['/stack.yml', '/', '/.env'],
    ['C:\\stacks\\shop.yml', 'C:\\stacks', 'C:\\stacks\\.env']
  ])('%s', (file, dir, env) => {
    expect(directoryOf(file)).toBe(dir)
    expect(dotEnvPathOf(file)).toBe(env)
  })
})

describe('other commands', () => {
  it('removes and inspects', () => {
    expect(removeCommand('shop')).toBe('docker stack rm shop')
    expect(inspectCommands('shop')).toBe('docker stack services shop\ndocker stack ps shop')
  })
  it.each([
    [0, 'docker-compose.yml'],
    [1, 'docker-compose.override.yml'],
    [2, 'docker-compose.2.yml']
  ])('default file name %i', (index, name) => {
    expect(defaultFileName(index)).toBe(name)
  })
})
