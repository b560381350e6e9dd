// Which carrier an SSH connection uses, decided once at open time with `GET /_ping`: the socket
// channel when the server forwards unix sockets, else dial-stdio; when neither works, the
// refusal says why (no socket, no permission, forwarding refused).
import type { Client } from 'ssh2'
import { AppError } from '../../../shared/errors'
import { phrase } from '../../../shared/phrase'
import { refusal } from '../../i18n/english'
import { ChannelOpenError, execCapture, ping, shellQuote, withDeadline, type DialStdioRun, type SshCarrier, type SshChannelAgent } from './ssh-carriers'
import { errorMessage, errorWords, type Target } from './ssh-errors'

async function diagnoseNoCarrier(
  client: Client,
  target: Target,
  remoteSocket: string,
  streamLocalError: unknown,
  dialStdio: { error: unknown; run: DialStdioRun | null },
  timeoutMs: number
): Promise<AppError> {
  const run = dialStdio.run
  if (run) await withDeadline(run.closed, 2000, undefined)
  const stderr = run?.stderr.trim() ?? ''
  const dialDetail = stderr !== ''
    ? `${stderr}${run?.exitCode != null ? ` (exit ${run.exitCode})` : ''}`
    : errorWords(dialStdio.error)
  const check = await execCapture(client, `test -S ${shellQuote(remoteSocket)}`, timeoutMs)
  const host = target.hostName
  if (check && check.code === 1) {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.no-socket-to-forward', { socket: remoteSocket, host }))
  }
  if (/permission denied/i.test(stderr)) {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.socket-denied', { socket: remoteSocket, user: target.user, host, detail: dialDetail }))
  }
  if (/no such file or directory/i.test(stderr) && /dial unix|connect:/i.test(stderr)) {
    return refusal('CONNECTION_REFUSED', phrase('connections.said.ssh.no-socket', { socket: remoteSocket, host, detail: dialDetail }))
  }
  return refusal('SOCKET_FORWARDING_REFUSED', phrase('connections.said.ssh.forwarding-refused', { host, socket: remoteSocket, error: errorMessage(streamLocalError), detail: dialDetail }))
}

function probeFailure(error: unknown, target: Target): AppError {
  if (error instanceof AppError) return error
  const where = `${target.hostName}:${target.port}`
  return refusal('CONNECTION_LOST', phrase('connections.said.ssh.engine-silent', { where, message: errorWords(error) }))
}

export async function chooseCarrier(
  client: Client,
  agent: SshChannelAgent,
  target: Target,
  remoteSocket: string,
  timeoutMs: number
): Promise<SshCarrier> {
  let streamLocalError: unknown
  try {
    agent.carrier = 'ssh-streamlocal'
    await ping(agent, timeoutMs)
    return 'ssh-streamlocal'
  } catch (error) {
    if (!(error instanceof ChannelOpenError)) throw probeFailure(error, target)
    streamLocalError = error
  }
  try {
    agent.carrier = 'ssh-dial-stdio'
    await ping(agent, timeoutMs)
    return 'ssh-dial-stdio'
  } catch (error) {
    throw await diagnoseNoCarrier(client, target, remoteSocket, streamLocalError, { error, run: agent.lastDialStdio }, timeoutMs)
  }
}
