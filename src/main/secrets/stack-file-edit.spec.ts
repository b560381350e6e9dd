import { describe, expect, it } from 'vitest'
import { editStackFiles } from './stack-file-edit'

const compose = `# the shop
services:
  web:
    image: web:1
    secrets:
      - source: db_password   # mounted as db_password
        target: db_password
secrets:
  db_password:
    file: ./db_password.txt   # keep me
  api_key:
    name: shop_api_key_v3
    external: true
configs:
  site:
    file: ./site.conf
`

describe('editStackFiles', () => {
  it('adds name: to a key named by the stack prefix, keeping the rest of the file and its comments', () => {
    const edit = editStackFiles([{ path: '/s/docker-compose.yml', text: compose }], { kind: 'secret', stack: 'shop', oldName: 'shop_db_password', newName: 'shop_db_password_v2' })
    expect(edit?.key).toBe('db_password')
    expect(edit?.path).toBe('/s/docker-compose.yml')
    expect(edit?.text).toBe(compose.replace('  db_password:\n    file:', '  db_password:\n    name: shop_db_password_v2\n    file:'))
  })

  it('changes an explicit name', () => {
    const edit = editStackFiles([{ path: 'a.yml', text: compose }], { kind: 'secret', stack: 'shop', oldName: 'shop_api_key_v3', newName: 'shop_api_key_v4' })
    expect(edit?.key).toBe('api_key')
    expect(edit?.text).toBe(compose.replace('name: shop_api_key_v3', 'name: shop_api_key_v4'))
  })

  it('looks in configs for a config', () => {
    const edit = editStackFiles([{ path: 'a.yml', text: compose }], { kind: 'config', stack: 'shop', oldName: 'shop_site', newName: 'shop_site_v2' })
    expect(edit?.text).toContain('  site:\n    name: shop_site_v2\n    file: ./site.conf\n')
  })

  it('edits the last file that defines the key (the one that wins the merge)', () => {
    const override = 'secrets:\n  db_password:\n    file: ./prod.txt\n'
    const edit = editStackFiles(
      [{ path: 'base.yml', text: compose }, { path: 'prod.yml', text: override }],
      { kind: 'secret', stack: 'shop', oldName: 'shop_db_password', newName: 'x_v2' }
    )
    expect(edit).toEqual({ stack: 'shop', path: 'prod.yml', key: 'db_password', text: 'secrets:\n  db_password:\n    name: x_v2\n    file: ./prod.txt\n' })
  })

  it('writes a flow-style definition through the Document', () => {
    const edit = editStackFiles([{ path: 'a.yml', text: 'secrets:\n  k: { file: ./k.txt }\n' }], { kind: 'secret', stack: 's', oldName: 's_k', newName: 's_k_v2' })
    expect(edit?.text).toBe('secrets:\n  k: { file: ./k.txt, name: s_k_v2 }\n')
  })

  it('returns null when no key resolves to the old name (interpolated names, other stacks)', () => {
    expect(editStackFiles([{ path: 'a.yml', text: compose }], { kind: 'secret', stack: 'other', oldName: 'shop_db_password', newName: 'n' })).toBeNull()
    expect(editStackFiles([{ path: 'a.yml', text: 'secrets:\n  k:\n    name: ${NAME}\n' }], { kind: 'secret', stack: 's', oldName: 's_k', newName: 'n' })).toBeNull()
    expect(editStackFiles([{ path: 'a.yml', text: ': [broken' }], { kind: 'secret', stack: 's', oldName: 's_k', newName: 'n' })).toBeNull()
  })
})
