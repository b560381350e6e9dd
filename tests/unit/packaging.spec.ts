import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Ajv from 'ajv'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

// The packaging configuration cannot be exercised here (electron-builder downloads the Electron
// binary, which this machine cannot reach), so it is checked as far as it can be without it:
// against electron-builder's own JSON schema, for the security fuses, and for the icons it names.
const root = resolve(__dirname, '..', '..')
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[]
  electronFuses: Record<string, boolean>
  linux: { target: string[]; icon: string }
  mac: { target: string[]; icon: string }
  win: { target: string[]; icon: string }
}

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(resolve(root, path))
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('electron-builder.yml', () => {
  it('matches the schema of the installed electron-builder', () => {
    const schema = JSON.parse(readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object
    const ajv = new Ajv({ allErrors: true, strict: false })
    const validate = ajv.compile(schema)
    const valid = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    // The check itself refuses what electron-builder refuses.
    expect(ajv.compile(schema)({ ...config, bogusKey: 1 })).toBe(false)
  })

  it('packs the built app only, in an asar, for the four targets', () => {
    expect(config.appId).toBe('io.swarmdesk.app')
    expect(config.productName).toBe('SwarmDesk')
    expect(config.asar).toBe(true)
    expect(config.files).toContain('out/**')
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
  })

  it('turns off the Electron features an attacker could use to run the binary as something else', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true
    })
  })

  it('names icons that exist at the sizes the targets need', () => {
    expect(pngSize(config.mac.icon)).toEqual({ width: 512, height: 512 })
    expect(pngSize(config.win.icon)).toEqual({ width: 512, height: 512 })
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(`${config.linux.icon}/${size}x${size}.png`)).toEqual({ width: size, height: size })
  })
})
