// `--with-registry-auth`: the X-Registry-Auth header the docker CLI builds from ~/.docker/config.json
// (cli/command/registry.go RetrieveAuthTokenFromImage; moby api/pkg/authconfig): the credentials
// for the image's registry, from `auths` or a credential helper (`credHelpers`, `credsStore`),
// as base64url(JSON) with padding. Read only when the user asks; never logged or returned.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Docker Hub's credentials live under this key, whatever the image says. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/'

/** The registry host of an image reference (`nginx` -> docker.io, `10.77.0.1:5000/a/b:1` -> 10.77.0.1:5000). */
export function registryDomain(image: string): string {
  const slash = image.indexOf('/')
  if (slash < 0) return 'docker.io'
  const first = image.slice(0, slash)
  if (first === 'localhost' || /[.:]/.test(first) || first !== first.toLowerCase()) return first === 'index.docker.io' ? 'docker.io' : first
  return 'docker.io'
}

export function authConfigKey(domain: string): string {
  return domain === 'docker.io' ? DOCKER_HUB_AUTH_KEY : domain
}

export interface AuthConfig {
  username?: string
  password?: string
  serveraddress?: string
  identitytoken?: string
  registrytoken?: string
}

/** registry.EncodeAuthConfig: JSON, then base64 with the URL alphabet and padding. */
export function encodeAuthHeader(auth: AuthConfig): string {
  const ordered: AuthConfig = {}
  for (const key of ['username', 'password', 'serveraddress', 'identitytoken', 'registrytoken'] as const) if (auth[key]) ordered[key] = auth[key]
  return Buffer.from(JSON.stringify(ordered), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>
  credsStore?: string
  credHelpers?: Record<string, string>
}

/** `auths` keys may be URLs (`https://index.docker.io/v1/`, `https://host/v2/`): compare hosts. */
function hostOf(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '')
}

export type HelperRunner = (helper: string, serverAddress: string) => Promise<{ Username?: string; Secret?: string } | null>

const runHelper: HelperRunner = (helper, serverAddress) =>
  new Promise((resolve) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 15_000 }, (error, stdout) => {
      if (error) return resolve(null) // "credentials not found" exits non-zero: no credentials
      try {
        resolve(JSON.parse(stdout) as { Username?: string; Secret?: string })
      } catch {
        resolve(null)
      }
    })
    child.stdin?.end(serverAddress)
  })

/** The credentials the docker CLI would send for this image, or null when it has none. */
export async function lookupRegistryAuth(image: string, configDir: string, helper: HelperRunner = runHelper): Promise<AuthConfig | null> {
  let config: DockerConfigFile = {}
  try {
    config = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as DockerConfigFile
  } catch {
    return null
  }
  const domain = registryDomain(image)
  const key = authConfigKey(domain)
  const helperName = config.credHelpers?.[key] ?? config.credHelpers?.[domain] ?? config.credsStore
  if (helperName) {
    const found = await helper(helperName, key)
    if (found && (found.Username || found.Secret)) {
      // A helper answers `<token>` as the user name for identity tokens (credentials/native_store.go).
      return found.Username === '<token>' ? { serveraddress: key, identitytoken: found.Secret } : { username: found.Username, password: found.Secret, serveraddress: key }
    }
  }
  const entry = config.auths?.[key] ?? Object.entries(config.auths ?? {}).find(([k]) => hostOf(k) === hostOf(key))?.[1]
  if (!entry) return null
  let { username, password } = entry
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon > 0) {
      username = decoded.slice(0, colon)
      password = decoded.slice(colon + 1)
    }
  }
  return { username, password, serveraddress: key, identitytoken: entry.identitytoken, registrytoken: entry.registrytoken }
}
