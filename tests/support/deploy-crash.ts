// A stack deploy in a process of its own that kills itself (SIGKILL: no cleanup) right after its
// Nth operation of a kind is done (`network.create` 1: the network made, no service sent yet;
// `service.create` 1: the first service made, the others in flight) — the app's process killed
// mid-deploy (tests/faults/app-killed.test.ts). Run with tsx; one JSON argument:
//   { dockerHost, dataDir, stack, file, crashOn, crashAfter }
// It watches the product's ordinary progress events (stacks.progress); the kill lives here only.
import type { StackProgress } from '../../src/shared/stacks'
import { createServices } from '../../src/main/composition'
import { createNodePlatform } from '../../src/main/platform/node-platform'
import { directCaller, runChild } from './direct-call'

interface Args {
  dockerHost: string
  dataDir: string
  stack: string
  file: string
  crashOn: 'network.create' | 'service.create'
  crashAfter: number
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as Args
  const services = createServices({ platform: createNodePlatform(args.dataDir), env: { DOCKER_HOST: args.dockerHost } })
  let done = 0
  services.bus.subscribe((name, payload) => {
    const p = payload as StackProgress
    if (name !== 'stacks.progress' || p.status !== 'done' || !p.opId.startsWith(`${args.crashOn}:`)) return
    if (++done !== args.crashAfter) return
    process.stderr.write(`crashing after ${p.opId}\n`)
    process.kill(process.pid, 'SIGKILL')
  })
  const call = directCaller(services)
  const { clusterId } = (await call('clusters.open', { profileId: 'default' })) as { clusterId: string }
  const result = await call('stacks.deploy', { clusterId, stack: args.stack, source: { paths: [args.file] }, requestId: 'crash', wait: false, waitTimeoutSeconds: 60 })
  process.stdout.write(JSON.stringify(result) + '\n')
  services.dispose()
}

runChild(main)
