import { describe, expect, it } from 'vitest'
import { relativeFileReferences } from './unsaved-file-refs'

const file = (text: string) => ({ path: '/cwd/docker-compose.yml', text })

describe('relativeFileReferences', () => {
  it('points at a relative secret file:, config file: and env_file (string and list) at line:column', () => {
    const text = [
      'services:', //                         1
      '  api:', //                            2
      '    image: x', //                      3
      '    env_file: ./api.env', //           4
      '  db:', //                             5
      '    image: y', //                      6
      '    env_file:', //                     7
      '      - /etc/abs.env', //              8
      '      - db.env', //                    9
      'secrets:', //                          10
      '  tls:', //                            11
      '    file: ./certs/tls.pem', //         12
      'configs:', //                          13
      '  nginx:', //                          14
      '    file: nginx.conf', //              15
      '  abs:', //                            16
      '    file: /srv/abs.conf', //           17
      '  ext:', //                            18
      '    external: true' //                 19
    ].join('\n')
    const found = relativeFileReferences(file(text))
    expect(found.map((d) => [d.path, d.line, d.column])).toEqual([
      ['secrets.tls.file', 12, 11],
      ['configs.nginx.file', 15, 11],
      ['services.api.env_file', 4, 15],
      ['services.db.env_file.1', 9, 9]
    ])
    expect(found[0].file).toBe('/cwd/docker-compose.yml')
    expect(found[0].message).toContain('secret tls: file "./certs/tls.pem" is relative to the compose file, but this file is not on disk')
    expect(found[0].message).toContain('use an absolute path')
    expect(found[2].message).toContain('service api: env_file "./api.env"')
  })

  it.each([
    ['absolute', 'secrets:\n  a:\n    file: /run/a\n'],
    ['decided by a variable', 'secrets:\n  a:\n    file: ${CERTS}/a\n'],
    ['external', 'secrets:\n  a:\n    external: true\n'],
    ['no env_file', 'services:\n  web:\n    image: x\n'],
    ['unparsable YAML', 'services: [\n'],
    ['not a map', '- a\n']
  ])('finds nothing when %s', (_name, text) => {
    expect(relativeFileReferences(file(text))).toEqual([])
  })
})
