import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, type LabStatus } from '../support/lab'
import type { SwarmDeskApp } from './pages/swarmdesk-app'
import { noDefaultEngineEnv, startBrowserSession, type BrowserSession } from './support/session'

// The Cluster security page in Chromium against the lab: the lab's own facts (root CA fingerprint,
// certificate lifetime, every node trusting the current root, masked tokens), rotating the worker
// token changes the join line shown, and the page in French. Rotating a token disturbs nobody
// (nodes already joined are unaffected), but run it under the lab's exclusive lock all the same:
// the token tests join `solo` with the current token.
let lab: LabStatus
let session: BrowserSession
let page: Page
let app: SwarmDeskApp
/** what the web-mode server printed during the run */
let serverOutput = ''
const seenTokens: string[] = []

beforeAll(async () => {
  lab = requireLab()
  session = await startBrowserSession(noDefaultEngineEnv())
  page = session.page
  app = session.app
  for (const stream of [session.server.process.stdout, session.server.process.stderr]) stream?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()))
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

afterAll(async () => {
  await session?.stop()
})

describe('cluster security in the browser', () => {
  it('shows the lab\u2019s facts: root CA fingerprint, lifetime, node issuers, masked tokens', async () => {
    await app.openLabCluster(session.server.url, labNode(lab, 'manager1').socket)
    await app.security.open()
    const trustRoot = await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.TLSInfo.TrustRoot}}'])
    const { X509Certificate } = await import('node:crypto')
    const fingerprint = new X509Certificate(trustRoot).fingerprint256
    expect(await app.security.text('root-ca-fingerprint')).toBe(`SHA256 ${fingerprint}`)
    const expiry = await docker(lab, 'manager1', ['info', '--format', '{{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}}'])
    const days = Number(/^(\d+)h/.exec(expiry)?.[1] ?? 0) / 24
    expect(await app.security.text('cert-lifetime')).toContain(String(days))
    expect(await app.security.text('ca-no-rotation')).toBeTruthy()
    const rows = await app.security.certificateRows()
    expect(rows.map((r) => r.host).sort()).toEqual(['manager1', 'manager2', 'manager3', 'worker1', 'worker2'])
    expect(rows.every((r) => r.current)).toBe(true)
    const token = await docker(lab, 'manager1', ['swarm', 'join-token', '-q', 'worker'])
    const masked = await app.security.text('masked-worker')
    expect(masked).toContain(token.slice(0, token.lastIndexOf('-') + 1))
    expect(masked).not.toContain(token)
    expect(await app.security.text('autolock-state')).toBe('off')
    expect(await app.security.text('setting-taskHistoryLimit')).toContain('docker swarm update --task-history-limit')
  })

  it('reveals the whole join line, and rotating the worker token changes it', async () => {
    const before = await app.security.revealJoin('worker')
    expect(before).toBe(`docker swarm join --token ${await docker(lab, 'manager1', ['swarm', 'join-token', '-q', 'worker'])} 10.77.0.11:2377`)
    const { question, cli } = await app.security.rotateToken('worker')
    expect(cli).toBe('docker swarm join-token --rotate worker')
    expect(question).toMatch(/already joined are unaffected/)
    const after = await app.security.revealJoin('worker')
    expect(after).not.toBe(before)
    expect(after).toBe(`docker swarm join --token ${await docker(lab, 'manager1', ['swarm', 'join-token', '-q', 'worker'])} 10.77.0.11:2377`)
    seenTokens.push(before.split(' ')[4], after.split(' ')[4])
    // nothing secret is left on the page once the dialog closed
    expect(await page.content()).not.toContain(after.split(' ')[4])
  })

  it('speaks French', async () => {
    await app.chooseLanguage('fr')
    await page.locator('[data-testid="security-page"]:has-text("Sécurité du cluster")').waitFor()
    expect(await app.security.text('nav-security')).toBe('Sécurité')
    expect(await app.security.text('autolock-state')).toBe('désactivé')
    expect(await app.security.text('join-tokens-card')).toContain("Jetons d'adhésion")
    expect(await app.security.text('node-certificates')).toContain('racine actuelle')
    const { question } = await app.security.askRotateToken('worker')
    expect(question).toContain('Les nœuds déjà membres ne sont pas touchés')
    expect(await app.security.text('security-confirm-cancel')).toBe('Annuler')
    await app.security.cancelConfirmation()
    await app.chooseLanguage('en')
  })

  it('left no token in the server’s output or its data dir', () => {
    expect(seenTokens).toHaveLength(2)
    const files = filesUnder(session.server.dataDir).map((path) => readFileSync(path, 'utf8'))
    for (const token of seenTokens) {
      expect(serverOutput).not.toContain(token)
      for (const text of files) expect(text).not.toContain(token)
    }
  })
})
