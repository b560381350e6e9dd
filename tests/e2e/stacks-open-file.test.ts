import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, uniqueName, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// Opening a compose file from disk by its path on the Stacks page: a wrong path gets its own
// message, the right one fills the editor, which says which file it edits, and the plan reads the
// relative `file:` beside it. The same text with no place on disk is refused at that `file:`.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const STACK = uniqueName('h6-e2eopen')
const dir = tempDir('sd-e2e-open-')
const composePath = join(dir, 'stack.yml')
const COMPOSE = ['services:', '  app:', '    image: IMAGE', '    configs:', '      - source: conf', '        target: /etc/app.conf', 'configs:', '  conf:', '    file: ./app.conf', ''].join('\n')

beforeAll(async () => {
  lab = requireLab()
  writeFileSync(composePath, COMPOSE.replace('IMAGE', lab.images.web1))
  writeFileSync(join(dir, 'app.conf'), 'greeting=hello\n')
  session = await startBrowserSession(noDefaultEngineEnv())
  app = session.app
})

afterAll(async () => {
  await session?.stop()
})

describe('stacks: open a compose file from disk', () => {
  it('opens the lab and a blank editor', async () => {
    await app.open(session.server.url)
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.stacks.startNewStack(STACK)
    expect(await app.text('stack-editing-file')).toContain('only in the editor')
  })

  it('says why a path cannot be opened', async () => {
    await app.byTestId('stack-open-path').fill('stack.yml')
    await app.byTestId('stack-open-file').click()
    const alert = app.byTestId('error-alert')
    await alert.waitFor()
    expect(await alert.getAttribute('data-error-code')).toBe('INVALID_INPUT')
    expect(await alert.innerText()).toContain('"stack.yml" is a relative path')

    await app.byTestId('stack-open-path').fill(join(dir, 'missing.yml'))
    await app.byTestId('stack-open-file').click()
    await app.page.locator('[data-testid="error-alert"][data-error-code="NOT_FOUND"]').waitFor()
    expect(await app.byTestId('error-alert').innerText()).toContain(`no file at ${join(dir, 'missing.yml')}`)
  })

  it('opens the file by its path and plans it with the relative file: read beside it', async () => {
    await app.byTestId('stack-open-path').fill(composePath)
    await app.byTestId('stack-open-file').click()
    await app.page.locator('[data-testid="stack-editing-file"]', { hasText: composePath }).waitFor()
    expect(await app.byTestId('error-alert').count()).toBe(0)
    expect(await app.byTestId('stack-file-path').inputValue()).toBe(composePath)
    expect((await app.stacks.stackEditorText()).trimEnd()).toBe(COMPOSE.replace('IMAGE', lab.images.web1).trimEnd())
    await app.stacks.waitForStackPlan()
    expect(await app.byTestId('stack-problems').count()).toBe(0)
    expect(await app.byTestId(`plan-op-${STACK}_conf`).getAttribute('data-kind')).toBe('config.create')
    expect(await app.byTestId(`plan-op-${STACK}_app`).getAttribute('data-kind')).toBe('service.create')
    expect(await app.text('stack-cli-command')).toContain(`-c ${composePath}`)
  })

  it('without its path the same text is refused at the relative file:, and nothing is deployed', async () => {
    await app.byTestId('stack-file-path').fill('')
    await app.stacks.waitForStackPlan()
    const problem = app.byTestId('stack-problem')
    expect(await problem.count()).toBe(1)
    expect([await problem.getAttribute('data-severity'), await problem.getAttribute('data-line'), await problem.getAttribute('data-column')]).toEqual(['error', '9', '11'])
    expect(await problem.getByTestId('stack-problem-message').innerText()).toContain('is relative to the compose file, but this file is not on disk')
    const underlined = app.byTestId('stack-editor').locator('.cm-lintRange-error')
    await underlined.first().waitFor()
    expect((await underlined.allInnerTexts()).join('')).toBe('./app.conf')
    expect(await app.byTestId('stack-deploy').isDisabled()).toBe(true)
    expect((await docker(lab, 'manager1', ['stack', 'ls', '--format', '{{.Name}}'])).split('\n')).not.toContain(STACK)
  })

  it("a folder given as the file's place gets its own message, and the editor never claims to write to the file", async () => {
    await app.byTestId('stack-file-path').fill(dir)
    await app.stacks.waitForStackPlan()
    const problem = app.byTestId('stack-problem')
    expect(await problem.count()).toBe(1)
    expect(await problem.getByTestId('stack-problem-message').innerText()).toContain(`${dir} is a folder, not a file: give the path of the compose file itself (e.g. ${join(dir, 'docker-compose.yml')})`)
    expect(await app.byTestId('stack-deploy').isDisabled()).toBe(true)

    await app.byTestId('stack-file-path').fill(composePath)
    await app.stacks.waitForStackPlan()
    expect(await app.byTestId('stack-problems').count()).toBe(0)
    const editing = await app.text('stack-editing-file')
    expect(editing).toContain(composePath)
    expect(editing).toContain('Your edits stay in SwarmDesk')
    expect(editing).not.toMatch(/^Editing/)
  })

  it('the name hint shows the first service of the file, never a made-up one', async () => {
    await app.page.getByText(`Services get this prefix: ${STACK}_app`, { exact: true }).waitFor()
    await app.stacks.setStackEditorText('version: "3.8"\n')
    await app.page.getByText(`Services get this prefix: ${STACK}_`, { exact: true }).waitFor()
    expect(await app.page.getByText(`${STACK}_web`).count()).toBe(0)
  })
})
