import Dockerode from 'dockerode'
import type { Agent } from 'node:http'
import { engineTiming } from './engine-timing'
import type { EngineAddress } from './engine-reads'

/**
 * The HTTP client of one engine. Only src/main/docker/ knows it is dockerode: connections/ opens
 * the way there (a socket path, TCP with TLS, an SSH carrier's agent) and asks for a client here;
 * everything else talks to the engine through the gateway (engine-gateway.ts).
 */
export type EngineClient = Dockerode

type EngineTransport =
  | EngineAddress
  /** Requests go through this agent (an SSH connection's channels); host and port are placeholders. */
  | { kind: 'agent'; agent: Agent; idleTimeoutMs?: number }

export function createEngineClient(transport: EngineTransport): EngineClient {
  switch (transport.kind) {
    case 'socket':
      return new Dockerode({ socketPath: transport.socketPath, timeout: engineTiming.idleMs })
    case 'tcp':
      return new Dockerode({
        host: transport.host,
        port: transport.port,
        protocol: transport.protocol,
        ca: transport.ca,
        cert: transport.cert,
        key: transport.key,
        timeout: engineTiming.idleMs
      })
    case 'agent':
      return new Dockerode({
        protocol: 'http',
        host: 'localhost',
        port: 80,
        agent: transport.agent,
        ...(transport.idleTimeoutMs ? { timeout: transport.idleTimeoutMs } : {})
      } as Dockerode.DockerOptions)
  }
}
