import { commandLine, shellQuote } from '../../../../shared/docker-cli'

/** The docker CLI commands behind the swarm actions, shown next to each of them. */
export function swarmInitCli(advertiseAddr: string, listenAddr: string, placeholder: string): string {
  const advertise = advertiseAddr.trim() === '' ? placeholder : shellQuote(advertiseAddr.trim())
  const listen = listenAddr.trim() === '' ? null : `--listen-addr ${shellQuote(listenAddr.trim())}`
  return commandLine('docker swarm init', `--advertise-addr ${advertise}`, listen)
}

export function joinTokenCli(role: 'worker' | 'manager'): string {
  return `docker swarm join-token ${role}`
}

export function swarmLeaveCli(force: boolean): string {
  return commandLine('docker swarm leave', force && '--force')
}
