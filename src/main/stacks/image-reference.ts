// Image references the way distribution/reference reads them: the CLI refuses a service whose
// image does not parse (ParseAnyReference), and the Go API client rewrites the image of every
// service it creates or updates to a tagged, familiar form (`nginx` -> `nginx:latest`,
// `docker.io/library/nginx` -> `nginx:latest`; references with a digest keep it).
import { phrase, type Phrase } from '../../shared/phrase'

const alphanumeric = '[a-z0-9]+'
const separator = '(?:[._]|__|[-]+)'
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const domainName = `${domainComponent}(?:\\.${domainComponent})*`
const host = `(?:${domainName}|\\[(?:[a-fA-F0-9:]+)\\])`
const domainAndPort = `${host}(?::[0-9]+)?`
const tagPattern = '[\\w][\\w.-]{0,127}'
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}'
const namePattern = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`
const REFERENCE = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`)
const IDENTIFIER = /^[a-f0-9]{64}$/
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/
const NAME_TOTAL_LENGTH_MAX = 255

interface ParsedReference {
  domain: string
  path: string
  tag: string
  digest: string
}

function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf('/')
  let domain: string
  let remainder: string
  if (i === -1 || (!/[.:]/.test(name.slice(0, i)) && name.slice(0, i) !== 'localhost' && name.slice(0, i).toLowerCase() === name.slice(0, i))) {
    domain = 'docker.io'
    remainder = name
  } else {
    domain = name.slice(0, i)
    remainder = name.slice(i + 1)
  }
  if (domain === 'index.docker.io') domain = 'docker.io'
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`
  return { domain, remainder }
}

type ParseResult = { ok: true; ref: ParsedReference } | { ok: false; error: Phrase }

/** reference.ParseNormalizedNamed */
function parseNormalizedNamed(s: string): ParseResult {
  if (IDENTIFIER.test(s)) return { ok: false, error: phrase('compose.image.hex', { name: s }) }
  const { domain, remainder } = splitDockerDomain(s)
  const tagSep = remainder.indexOf(':')
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder
  if (remote.toLowerCase() !== remote) return { ok: false, error: phrase('compose.image.lowercaseNamed', { name: remote }) }
  const full = `${domain}/${remainder}`
  const m = REFERENCE.exec(full)
  if (!m) {
    if (full === '') return { ok: false, error: phrase('compose.image.noComponent') }
    if (REFERENCE.test(full.toLowerCase())) return { ok: false, error: phrase('compose.image.lowercase') }
    return { ok: false, error: phrase('compose.image.format') }
  }
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) return { ok: false, error: phrase('compose.image.tooLong', { max: NAME_TOTAL_LENGTH_MAX }) }
  const slash = m[1].indexOf('/')
  return { ok: true, ref: { domain: m[1].slice(0, slash), path: m[1].slice(slash + 1), tag: m[2] ?? '', digest: m[3] ?? '' } }
}

/** reference.ParseAnyReference; null when valid, else why not. */
export function imageReferenceProblem(image: string): Phrase | null {
  if (IDENTIFIER.test(image)) return null
  if (DIGEST.test(image) && /^sha256:[a-f0-9]{64}$|^sha384:[a-f0-9]{96}$|^sha512:[a-f0-9]{128}$/.test(image)) return null
  const parsed = parseNormalizedNamed(image)
  return parsed.ok ? null : parsed.error
}

/**
 * What the Go client sends as ContainerSpec.Image: FamiliarString(TagNameOnly(ref)).
 * Returns the image unchanged when it does not parse as a named reference.
 */
export function taggedFamiliarImage(image: string): string {
  const parsed = parseNormalizedNamed(image)
  if (!parsed.ok) return image
  const { domain, path, digest } = parsed.ref
  let { tag } = parsed.ref
  if (tag === '' && digest === '') tag = 'latest'
  let name = `${domain}/${path}`
  if (domain === 'docker.io') name = path.startsWith('library/') && !path.slice('library/'.length).includes('/') ? path.slice('library/'.length) : path
  return `${name}${tag ? ':' + tag : ''}${digest ? '@' + digest : ''}`
}
