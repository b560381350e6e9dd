import { readFileSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VALUE_HMAC_KEY_LABEL, VALUE_HMAC_LABEL } from '../../shared/secrets'
import type { AppError } from '../../shared/errors'
import { french } from '../../../tests/support/french'
import { generateValue, readValue, valueProblem, ValueHmac } from './secret-values'

const temp = () => mkdtempSync(join(tmpdir(), 'sd-values-'))

describe('values', () => {
  it('generates the length asked from the alphabet asked', () => {
    for (const [alphabet, pattern] of [['alphanumeric', /^[A-Za-z0-9]{64}$/], ['hex', /^[0-9a-f]{64}$/], ['base64url', /^[A-Za-z0-9_-]{64}$/], ['printable', /^[!-~]{64}$/]] as const) {
      expect(generateValue(64, alphabet).toString()).toMatch(pattern)
    }
    expect(generateValue(32, 'alphanumeric').equals(generateValue(32, 'alphanumeric'))).toBe(false)
  })

  it('reads text, files, and refuses a file over the limit before reading it', async () => {
    const dir = temp()
    writeFileSync(join(dir, 'ok'), Buffer.from([0, 1, 2, 255]))
    writeFileSync(join(dir, 'big'), Buffer.alloc(500 * 1024 + 1))
    expect((await readValue({ text: 'héllo' }, 'secret')).toString()).toBe('héllo')
    expect([...(await readValue({ path: join(dir, 'ok') }, 'secret'))]).toEqual([0, 1, 2, 255])
    await expect(readValue({ path: join(dir, 'big') }, 'secret')).rejects.toMatchObject({ code: 'VALUE_TOO_LARGE' })
    expect((await readValue({ path: join(dir, 'big') }, 'config')).length).toBe(500 * 1024 + 1) // configs may be 1000 KiB
    await expect(readValue({ path: join(dir, 'missing') }, 'secret')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('refuses empty and too large values', () => {
    expect(valueProblem(Buffer.alloc(0), 'secret')?.code).toBe('EMPTY_VALUE')
    expect(valueProblem(Buffer.alloc(500 * 1024 + 1), 'secret')?.code).toBe('VALUE_TOO_LARGE')
    expect(valueProblem(Buffer.alloc(500 * 1024 + 1), 'config')).toBeNull()
    expect(valueProblem(Buffer.from('x'), 'secret')).toBeNull()
  })
})

describe('ValueHmac', () => {
  it('remembers the fingerprint of a secret created without labels (a stack deploy), by its ID, never the value', async () => {
    const dir = temp()
    const hmac = new ValueHmac(dir)
    expect(await hmac.canCheck({}, 'sec1')).toBe(false)
    await hmac.remember('sec1', Buffer.from('course-first-password'))
    expect(await hmac.canCheck({}, 'sec1')).toBe(true)
    expect(await hmac.canCheck({}, 'other')).toBe(false)
    expect(await new ValueHmac(dir).identity({}, Buffer.from('course-first-password'), 'sec1')).toBe('identical')
    expect(await hmac.identity({}, Buffer.from('another'), 'sec1')).toBe('different')
    const file = join(dir, 'value-fingerprints.json')
    expect(readFileSync(file, 'utf8')).not.toContain('course-first-password')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('recognises the same value under the same key, and cannot tell under another key or without labels', async () => {
    const dir = temp()
    const hmac = new ValueHmac(dir)
    const labels = await hmac.labelsFor(Buffer.from('s3cret'))
    expect(labels[VALUE_HMAC_LABEL]).toMatch(/^[0-9a-f]{64}$/)
    expect(labels[VALUE_HMAC_LABEL]).not.toContain('s3cret')
    expect(await hmac.identity(labels, Buffer.from('s3cret'))).toBe('identical')
    expect(await hmac.identity(labels, Buffer.from('other'))).toBe('different')
    expect(await hmac.identity({}, Buffer.from('s3cret'))).toBe('unknown')
    expect(await hmac.canCheck(labels)).toBe(true)
    // the key file is the user's only, and another installation has another key
    expect(statSync(join(dir, 'value-hmac.key')).mode & 0o777).toBe(0o600)
    expect(await new ValueHmac(dir).identity(labels, Buffer.from('s3cret'))).toBe('identical')
    const elsewhere = new ValueHmac(temp())
    expect(await elsewhere.identity(labels, Buffer.from('s3cret'))).toBe('unknown')
    expect(await elsewhere.canCheck(labels)).toBe(false)
    expect(await hmac.identity({ ...labels, [VALUE_HMAC_KEY_LABEL]: 'x' }, Buffer.from('s3cret'))).toBe('unknown')
  })
})

describe('value refusals in French', () => {
  it('keeps the English message and says it in French', async () => {
    const tooLarge = valueProblem(Buffer.alloc(600 * 1024), 'secret')
    expect(tooLarge?.message).toBe('the value is 614400 bytes; the engine accepts at most 512000 for a secret')
    expect(french(tooLarge!.data.said!)).toBe('la valeur fait 614400 octets ; le moteur accepte au plus 512000 pour un secret')
    const empty = valueProblem(Buffer.alloc(0), 'config')
    expect([empty?.message, french(empty!.data.said!)]).toEqual(['the value is empty', 'la valeur est vide'])
    const missing = join(temp(), 'absent')
    const error = await readValue({ path: missing }, 'config').catch((e: AppError) => e)
    expect((error as AppError).message).toBe(`no file at ${missing}; expected a config's value (at most 1000 KiB, the Engine's limit)`)
    expect(french((error as AppError).data.said!)).toBe(`aucun fichier à ${missing} ; attendu : la valeur d'une config (1000 Kio au plus, la limite de l'Engine)`)
  })
})
