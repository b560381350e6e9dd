import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docker, labNode, requireLab, tempDir, type LabStatus } from '../../support/lab'
import type { SwarmDeskApp } from '../pages/swarmdesk-app'
import { startBrowserSession, type BrowserSession } from '../support/session'

// The course's exercise 1, « premier swarm et exploration », done in SwarmDesk's French UI and
// checked with the real docker CLI. On the lab's `solo` engine (in no swarm): init a swarm, see
// its one node (a manager, the leader), the join commands with their docker CLI lines, the node's
// role, availability, engine version and labels, then leave the swarm again. Then the lab's
// 5-node cluster: 3 managers and 2 workers as `docker node ls` lists them; a worker drained and
// made active again.
//
// `solo` joining a swarm and draining a worker disturb the whole lab: run this file under the
// lab's exclusive lock. afterAll leaves solo out of any swarm and worker2 active.
let lab: LabStatus
let session: BrowserSession
let app: SwarmDeskApp
const WORKER = 'worker2'

/** `docker node ls` on one engine, as the app's status values: hostname -> facts. */
async function nodeLs(node: string): Promise<Map<string, { role: string; manager: string; availability: string; state: string; engine: string }>> {
  const out = await docker(lab, node, ['node', 'ls', '--format', '{{.Hostname}} {{.Availability}} {{.Status}} {{.EngineVersion}} {{.ManagerStatus}}'])
  return new Map(
    out.split('\n').map((line) => {
      const [hostname, availability, state, engine, manager = ''] = line.split(' ')
      return [hostname, { role: manager === '' ? 'worker' : 'manager', manager: manager.toLowerCase(), availability: availability.toLowerCase(), state: state.toLowerCase(), engine }]
    })
  )
}

async function localNodeState(node: string): Promise<string> {
  return docker(lab, node, ['info', '--format', '{{.Swarm.LocalNodeState}}'])
}

beforeAll(async () => {
  lab = requireLab()
  // no default engine at all: every cluster is one the user adds
  session = await startBrowserSession({ DOCKER_HOST: `unix://${tempDir('sd-e2e-ex1-none-')}/docker.sock` })
  app = session.app
})

afterAll(async () => {
  if (lab) {
    if ((await localNodeState('solo').catch(() => 'inactive')) !== 'inactive') await docker(lab, 'solo', ['swarm', 'leave', '--force']).catch(() => undefined)
    await docker(lab, 'manager1', ['node', 'update', '--availability', 'active', WORKER]).catch(() => undefined)
  }
  await session?.stop()
})

describe('course exercise 1: a first swarm, in French', () => {
  it('offers to initialise a swarm on an engine in none, with the docker swarm init line', async () => {
    const solo = labNode(lab, 'solo')
    expect(await localNodeState('solo')).toBe('inactive')
    await app.open(session.server.url)
    await app.chooseLanguage('fr')
    await app.connections.addConnection('solo', { socketPath: solo.socket })
    await app.connections.openProfile('solo')
    await app.page.locator('[data-testid="cluster-item-solo"][data-phase="no-swarm"]').waitFor({ timeout: 30_000 })
    const screen = app.byTestId('swarm-init-screen')
    await screen.waitFor()
    expect(await screen.innerText()).toContain('Initialiser un swarm')
    await app.byTestId('swarm-init-advertise').fill(solo.address)
    expect(await app.text('swarm-init-cli-command')).toBe(`docker swarm init --advertise-addr ${solo.address}`)
    expect(await app.text('swarm-init-submit')).toBe('Initialiser le swarm')
    await app.byTestId('swarm-init-submit').click()
    await app.waitForClusterReady('solo')
    expect(await localNodeState('solo')).toBe('active')
  })

  it('lists its one node: a manager, the leader, as docker node ls says', async () => {
    await app.goto('nodes')
    expect(await app.nodes.nodeCount()).toBe('1 nœud sur 1')
    const facts = await app.nodes.nodeFacts('solo')
    const cli = (await nodeLs('solo')).get('solo')
    expect(cli).toMatchObject({ role: 'manager', manager: 'leader', availability: 'active', state: 'ready' })
    expect(facts).toMatchObject({ role: cli?.role, manager: cli?.manager, availability: cli?.availability, state: cli?.state })
    expect(await app.byTestId('node-row-solo').innerText()).toMatch(/manager[\s\S]*leader[\s\S]*active[\s\S]*prêt/i)
    expect(await app.text('cli-equivalent-command')).toBe('docker node ls')
  })

  it('shows the join commands for workers and managers, each with its docker CLI line', async () => {
    const solo = labNode(lab, 'solo')
    await app.goto('overview')
    await app.byTestId('join-commands-button').click()
    await app.byTestId('join-worker').waitFor()
    const modal = app.byTestId('join-commands-modal')
    expect(await modal.innerText()).toContain('Ajouter un worker')
    expect(await modal.innerText()).toContain('À lancer sur le nouveau nœud')
    for (const role of ['worker', 'manager'] as const) {
      const token = await docker(lab, 'solo', ['swarm', 'join-token', '-q', role])
      expect(await app.text(`join-${role}-command`)).toBe(`docker swarm join --token ${token} ${solo.address}:2377`)
      expect(await app.text(`join-${role}-cli-command`)).toBe(`docker swarm join-token ${role}`)
    }
    await app.page.keyboard.press('Escape')
    await modal.waitFor({ state: 'hidden' })
  })

  it("inspects the node: its role, availability, engine version and labels, as docker node inspect says", async () => {
    await app.goto('nodes')
    const facts = await app.nodes.nodeFacts('solo')
    const inspect = await docker(lab, 'solo', ['node', 'inspect', 'self', '--format', '{{.Spec.Role}} {{.Spec.Availability}} {{.Description.Engine.EngineVersion}} {{range $k, $v := .Description.Engine.Labels}}{{$k}}={{$v}} {{end}}'])
    const [role, availability, engine, ...labels] = inspect.split(' ').filter(Boolean)
    expect([facts.role, facts.availability, facts.engine]).toEqual([role, availability, engine])
    // the lab's engine says which node it is with an engine label; the node has no node label
    expect(labels).toEqual(['lab.node=solo'])
    expect(facts.labels).toEqual(labels)
  })

  it('leaves the swarm: solo is back in none', async () => {
    await app.goto('overview')
    await app.byTestId('leave-swarm-button').click()
    const dialog = app.page.getByRole('dialog', { name: 'Quitter le swarm ?' })
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain('Ce nœud est un manager.')
    await app.byTestId('leave-force').check()
    expect(await app.text('leave-cli-command')).toBe('docker swarm leave --force')
    await app.byTestId('leave-swarm-dialog-confirm').click()
    await app.page.locator('[data-testid="cluster-item-solo"][data-phase="no-swarm"]').waitFor({ timeout: 30_000 })
    expect(await localNodeState('solo')).toBe('inactive')
  })
})

describe('course exercise 1: exploring the 5-node cluster, in French', () => {
  it('lists 3 managers and 2 workers with their roles and states, as docker node ls says', async () => {
    await app.connections.addConnection('lab', { socketPath: labNode(lab, 'manager1').socket })
    await app.connections.openProfile('lab')
    await app.waitForClusterReady('lab')
    await app.goto('nodes')
    expect(await app.nodes.nodeCount()).toBe('5 nœuds sur 5')
    const cli = await nodeLs('manager1')
    expect([...cli.values()].filter((n) => n.role === 'manager')).toHaveLength(3)
    expect([...cli.values()].filter((n) => n.role === 'worker')).toHaveLength(2)
    expect([...cli.values()].filter((n) => n.manager === 'leader')).toHaveLength(1)
    for (const [hostname, expected] of cli) {
      const facts = await app.nodes.nodeFacts(hostname)
      expect({ hostname, ...facts, labels: undefined }).toEqual({ hostname, ...expected, labels: undefined })
    }
  })

  it('drains a worker and makes it active again, with the docker node update lines', async () => {
    let dialog = await app.nodes.startNodeChange(WORKER, 'drain')
    expect(await dialog.innerText()).toContain(`Drain vide le nœud : les tâches de ${WORKER} sont arrêtées et relancées sur les autres nœuds actifs`)
    expect(await app.text('node-change-cli-command')).toBe(`docker node update --availability drain ${WORKER}`)
    await app.byTestId('node-change-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    expect((await nodeLs('manager1')).get(WORKER)?.availability).toBe('drain')
    await app.page.locator(`[data-testid="node-row-${WORKER}"] [data-column="availability"] [data-status="drain"]`).waitFor({ timeout: 30_000 })

    dialog = await app.nodes.startNodeChange(WORKER, 'active')
    expect(await dialog.innerText()).toContain(`${WORKER} accepte de nouveau des tâches`)
    expect(await app.text('node-change-cli-command')).toBe(`docker node update --availability active ${WORKER}`)
    await app.byTestId('node-change-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    expect((await nodeLs('manager1')).get(WORKER)?.availability).toBe('active')
    await app.page.locator(`[data-testid="node-row-${WORKER}"] [data-column="availability"] [data-status="active"]`).waitFor({ timeout: 30_000 })
    expect(session.pageErrors()).toEqual([])
  })
})
