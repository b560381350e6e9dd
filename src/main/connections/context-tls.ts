// The TLS files the docker CLI keeps for a context (`contexts/tls/<sha256(name)>/docker`). Apart
// from docker-contexts.ts so that reading the contexts does not load node:crypto (a one-shot
// command's start-up pays for it only when a context's TLS files are read).
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The directory name the docker CLI gives a context's files: the SHA-256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex')
}

/** TLS material the CLI stores for a context (tcp:// endpoints), if any. */
export async function readContextTls(configDir: string, name: string): Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer }> {
  const dir = join(configDir, 'contexts', 'tls', contextDirName(name), 'docker')
  const read = async (file: string) => readFile(join(dir, file)).catch(() => undefined)
  const [ca, cert, key] = await Promise.all([read('ca.pem'), read('cert.pem'), read('key.pem')])
  return { ca, cert, key }
}
