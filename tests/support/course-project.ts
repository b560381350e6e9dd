// The course's afternoon project on the lab (image: `lab.sh project-image`, stack file:
// tests/fixtures/course-project): its files in a temp dir, what its services answer over HTTP,
// and the clean-up a `docker stack rm` leaves to do (the database's volume, the node label).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { docker, waitFor, type LabStatus } from './lab'

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'course-project')
/** The node the database is pinned to by the label seed_db=true (a manager, as the course does). */
export const DB_NODE = 'manager2'

/**
 * PostgreSQL's password set to the new secret's value from inside the database's task, the value
 * read from the file the rotation mounted for this step (never on the command line).
 */
export const ALTER_USER = `echo "ALTER USER postgres PASSWORD :'pw'" | psql -q -v ON_ERROR_STOP=1 -U postgres -h /run/postgresql -v pw="$(cat "$SWARMDESK_NEW_FILE")"`

/** stack.yml and db_password.txt in a fresh directory; returns it. */
export function projectFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-course-'))
  for (const file of ['stack.yml', 'db_password.txt']) writeFileSync(join(dir, file), readFileSync(join(FIXTURE, file)))
  return dir
}

async function get(url: string): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    return { status: response.status, body: await response.text() }
  } catch {
    return { status: 0, body: '' }
  }
}

export interface Health {
  status: number
  version: string | null
}

/** The API's /health on a node's host-mode port 5000 (status 0: nothing answers there). */
export async function apiHealth(address: string): Promise<Health> {
  const { status, body } = await get(`http://${address}:5000/health`)
  try {
    return { status, version: (JSON.parse(body) as { version?: string }).version ?? null }
  } catch {
    return { status, version: null }
  }
}

/** /api/items through nginx (host-mode port 8080 on the node that runs it). */
export async function itemsThroughNginx(lab: LabStatus): Promise<{ status: number; items: string[] }> {
  for (const node of lab.nodes) {
    const { status, body } = await get(`http://${node.address}:8080/api/items`)
    if (status === 0) continue
    try {
      return { status, items: (JSON.parse(body) as { items: { name: string }[] }).items.map((i) => i.name) }
    } catch {
      return { status, items: [] }
    }
  }
  return { status: 0, items: [] }
}

/** The current states (`Running 3 seconds ago`, `Pending …`) of a service's tasks meant to run. */
export async function taskStates(lab: LabStatus, service: string): Promise<string[]> {
  const out = await docker(lab, 'manager1', ['service', 'ps', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}', service])
  return out.split('\n').filter(Boolean)
}

/** The label gone from the node, checked (a concurrent node update can refuse one attempt). */
export async function removeDbLabel(lab: LabStatus): Promise<void> {
  const labelled = async () => (await docker(lab, 'manager1', ['node', 'inspect', '--format', '{{index .Spec.Labels "seed_db"}}', DB_NODE])) !== ''
  await waitFor('seed_db removed from its node', async () => {
    if (!(await labelled())) return true
    await docker(lab, 'manager1', ['node', 'update', '--label-rm', 'seed_db', DB_NODE]).catch(() => undefined)
    return !(await labelled())
  }, 30_000)
}

/** Everything the project left: the stack, its secrets' versions, the label, the database's volume, the files. */
export async function removeProject(lab: LabStatus, stack: string, dir: string | undefined): Promise<void> {
  await docker(lab, 'manager1', ['stack', 'rm', stack]).catch(() => undefined)
  await removeDbLabel(lab)
  await waitFor('the stack\'s containers gone', async () => (await docker(lab, DB_NODE, ['ps', '-aq', '--filter', `label=com.docker.stack.namespace=${stack}`])) === '', 60_000).catch(() => undefined)
  await docker(lab, DB_NODE, ['volume', 'rm', `${stack}_db-data`]).catch(() => undefined)
  const secrets = await docker(lab, 'manager1', ['secret', 'ls', '--filter', `name=${stack}_db_password`, '--format', '{{.Name}}']).catch(() => '')
  for (const name of secrets.split('\n').filter(Boolean)) await docker(lab, 'manager1', ['secret', 'rm', name]).catch(() => undefined)
  if (dir) rmSync(dir, { recursive: true, force: true })
}
