// One command on a node over its SSH connection, its standard output collected: thin, no parsing.
import { phrase } from '../../shared/phrase'
import type { SshConnection } from '../connections/ssh/ssh-connection'
import { refusal } from '../i18n/words'

const MAX_OUTPUT = 1 << 20

export async function runCommand(ssh: Pick<SshConnection, 'exec'>, command: string, timeoutMs: number): Promise<string> {
  const channel = await ssh.exec(command)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const timer = setTimeout(() => {
      channel.close()
      reject(refusal('TIMEOUT', phrase('metrics.said.read-timeout', { seconds: Math.round(timeoutMs / 1000) })))
    }, timeoutMs)
    channel.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_OUTPUT) chunks.push(chunk)
    })
    channel.stderr.resume()
    channel.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    channel.on('error', (error: Error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}
