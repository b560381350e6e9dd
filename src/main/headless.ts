import { join } from 'node:path'
import { createServices } from './composition'
import { createDispatcher } from './rpc/dispatcher'
import { startWsTransport } from './rpc/ws-transport'
import { createNodePlatform } from './platform/node-platform'
import { keepRunningOnRejection } from './process-faults'

/**
 * Web mode: the real main-process services in plain Node, the built renderer served on
 * 127.0.0.1, and a random token required on every WebSocket. `npm run web` runs this.
 */
async function main(): Promise<void> {
  // a stray rejection is logged; web mode keeps serving every other client
  keepRunningOnRejection(process, (line, reason) => console.error(line, reason))
  const args = process.argv.slice(2)
  const portArg = args.indexOf('--port')
  const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.SWARMDESK_PORT ?? 0)
  const services = createServices({ platform: createNodePlatform() })
  const dispatcher = createDispatcher(services.router)
  const transport = await startWsTransport({
    dispatcher,
    bus: services.bus,
    staticDir: join(__dirname, '..', 'renderer'),
    port: Number.isFinite(port) ? port : 0,
    token: process.env.SWARMDESK_TOKEN || undefined
  })
  process.stdout.write(`SwarmDesk web mode: open ${transport.url}\n`)
  process.stdout.write('Listening on 127.0.0.1 only; the token in the URL is required. Ctrl+C to stop.\n')
  const stop = (): void => {
    services.dispose()
    transport.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('swarmdesk web: stopping failed:', error)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`swarmdesk web: ${(error as Error).message}\n`)
  process.exit(1)
})
