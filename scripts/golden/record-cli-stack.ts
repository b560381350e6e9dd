// Records the golden bodies of tests/fixtures/stacks/<case>/ from the real docker CLI:
//
//   npx tsx scripts/golden/record-cli-stack.ts            # every case with a case.json
//   npx tsx scripts/golden/record-cli-stack.ts web-redis  # some cases
//
// Needs the lab (DOCKER_HOST of the upstream defaults to the lab's manager1). Each case is
// deployed under a unique `h1g-...` stack through the recording proxy, then removed.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { canonicalBodies, goldenCases, withCaseDirToken, type GoldenCase } from './golden-cases'
import { dockerClientVersion, engineApiVersion, recordCliStack } from './cli-recorder'
import { withExternalObjects } from './external-objects'

const UPSTREAM = process.env.SWARMDESK_GOLDEN_UPSTREAM ?? '/var/tmp/swarmdesk-lab/manager1/docker.sock'

function uniqueStack(): string {
  return `h1g-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
}

async function recordCase(c: GoldenCase, client: string, api: string): Promise<string> {
  const stack = uniqueStack()
  const run = await withExternalObjects(UPSTREAM, c.external, () => recordCliStack({ upstreamSocket: UPSTREAM, stack, files: c.files, cwd: c.dir, env: c.env }))
  const command = `docker stack deploy --resolve-image never ${c.files.map((f) => `-c ${f}`).join(' ')} st`
  const bodies = withCaseDirToken(canonicalBodies(run, stack, { client, api, command }), c.dir)
  writeFileSync(join(c.dir, 'cli-bodies.json'), `${JSON.stringify(bodies, null, 2)}\n`)
  return bodies.cliError ? `refused: ${bodies.cliError.split('\n')[0]}` : `${bodies.services.length} services, ${bodies.networks.length} networks, ${bodies.secrets.length} secrets, ${bodies.configs.length} configs`
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const cases = goldenCases().filter((c) => wanted.length === 0 || wanted.includes(c.name))
  const client = await dockerClientVersion()
  const api = await engineApiVersion(UPSTREAM)
  console.log(`docker client ${client}, engine API ${api}, ${cases.length} case(s)`)
  for (const c of cases) {
    const summary = await recordCase(c, client, api)
    console.log(`${c.name.padEnd(32)} ${summary}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
