// A rotation in a process of its own that kills itself (SIGKILL: no cleanup, no last journal
// write) right after step N has been journaled — the crash-injection half of
// tests/integration/secrets-crash.test.ts. Run with tsx; one JSON argument:
//   { dockerHost, dataDir, kind, objectId, value, removeOld, crashAfter }
// It uses the product's ordinary step observer (ServiceDeps.rotation.onStep); the kill lives here only.
import { createServices } from '../../src/main/composition'
import { createNodePlatform } from '../../src/main/platform/node-platform'
import { directCaller, runChild } from './direct-call'

interface Args {
  dockerHost: string
  dataDir: string
  kind: 'secret' | 'config'
  objectId: string
  value: string
  removeOld: boolean
  crashAfter: number
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as Args
  const services = createServices({
    platform: createNodePlatform(args.dataDir),
    env: { DOCKER_HOST: args.dockerHost },
    rotation: {
      onStep: (count, step) => {
        if (count !== args.crashAfter) return
        process.stderr.write(`crashing after step ${count} (${step.kind} ${step.subject})\n`)
        process.kill(process.pid, 'SIGKILL')
      }
    }
  })
  const call = directCaller(services)
  const { clusterId } = (await call('clusters.open', { profileId: 'default' })) as { clusterId: string }
  const result = await call('secrets.rotate', { clusterId, kind: args.kind, objectId: args.objectId, value: { text: args.value }, removeOld: args.removeOld })
  process.stdout.write(JSON.stringify(result) + '\n')
  services.dispose()
}

runChild(main)
