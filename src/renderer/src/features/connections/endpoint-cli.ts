import { commandLine, shellQuote } from '../../../../shared/docker-cli'
import { endpointFrom, type EndpointFormValues } from './connection-form-model'

/**
 * How the docker CLI would reach the same engine (a read-only `docker info` to try it), or null
 * while the endpoint is not filled in enough to say.
 */
export function endpointCli(values: EndpointFormValues): string | null {
  const endpoint = endpointFrom(values)
  switch (endpoint.kind) {
    case 'socket':
      return endpoint.socketPath ? commandLine('docker', '-H', shellQuote(`unix://${endpoint.socketPath}`), 'info') : null
    case 'docker-host':
      return endpoint.dockerHost ? commandLine(`DOCKER_HOST=${shellQuote(endpoint.dockerHost)}`, 'docker', 'info') : null
    case 'context':
      return endpoint.contextName ? commandLine('docker', '--context', shellQuote(endpoint.contextName), 'info') : null
    case 'ssh': {
      if (!endpoint.host) return null
      const user = endpoint.user ? `${endpoint.user}@` : ''
      const port = endpoint.port !== undefined && Number.isFinite(endpoint.port) ? `:${endpoint.port}` : ''
      return commandLine('docker', '-H', shellQuote(`ssh://${user}${endpoint.host}${port}`), 'info')
    }
  }
}
