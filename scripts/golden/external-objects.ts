// External networks, secrets and configs a golden case refers to: created before the recording
// when missing (fixed `h1-golden-...` names, labelled), removed afterwards if this run made them.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { GoldenCase } from './golden-cases'

const run = promisify(execFile)
const OWNER_LABEL = 'swarmdesk.golden-recorder=1'

async function docker(socket: string, args: string[], input?: string): Promise<boolean> {
  const child = run('docker', ['-H', `unix://${socket}`, ...args], { timeout: 60_000 })
  if (input !== undefined) {
    child.child.stdin?.end(input)
  }
  return child.then(
    () => true,
    () => false
  )
}

export async function withExternalObjects<T>(socket: string, external: GoldenCase['external'], body: () => Promise<T>): Promise<T> {
  const made: Array<[string, string]> = []
  for (const name of external.networks) if (await docker(socket, ['network', 'create', '--driver', 'overlay', '--label', OWNER_LABEL, name])) made.push(['network', name])
  for (const name of external.secrets) if (await docker(socket, ['secret', 'create', '--label', OWNER_LABEL, name, '-'], `external ${name}\n`)) made.push(['secret', name])
  for (const name of external.configs) if (await docker(socket, ['config', 'create', '--label', OWNER_LABEL, name, '-'], `external ${name}\n`)) made.push(['config', name])
  try {
    return await body()
  } finally {
    for (const [kind, name] of made.reverse()) await docker(socket, [kind, 'rm', name])
  }
}
