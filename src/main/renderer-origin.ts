// Where the Electron window's renderer comes from, decided without Electron (index.ts applies it).
// Development (electron-vite dev, not packaged): the dev server's URL. Otherwise the built files,
// served by the app's own `app://swarmdesk/` protocol with a real Content-Security-Policy header,
// not file:// (where the CSP is only a meta tag). ELECTRON_RENDERER_URL is ignored in a packaged
// app: a packaged app must never be pointed at another page while it holds the bridge.
import { extname, isAbsolute, join, normalize, sep } from 'node:path'

export const RENDERER_SCHEME = 'app'
export const RENDERER_HOST = 'swarmdesk'
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`

export type RendererEntry = { kind: 'dev-server'; url: string } | { kind: 'app-protocol'; url: string }

/** Which page the window loads. Pure. */
export function rendererEntry(options: { isPackaged: boolean; devUrl: string | undefined }): RendererEntry {
  if (!options.isPackaged && options.devUrl) return { kind: 'dev-server', url: options.devUrl }
  return { kind: 'app-protocol', url: `${RENDERER_ORIGIN}/index.html` }
}

/** Whether a frame's URL is our renderer (IPC senders, navigation). Pure. */
export function isRendererUrl(entry: RendererEntry, url: string): boolean {
  if (entry.kind === 'dev-server') {
    const base = entry.url.endsWith('/') ? entry.url : `${entry.url}/`
    return url === entry.url || url.startsWith(base) || url.startsWith(`${entry.url}#`) || url.startsWith(`${entry.url}?`)
  }
  return url.startsWith(`${RENDERER_ORIGIN}/`)
}

/**
 * The renderer's policy: no remote content, scripts only from our origin, connections only to
 * ourselves (IPC needs none). Sent as a header by the app protocol and added to dev-server answers.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json'
}

export function rendererContentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** The headers of every answer of the app protocol. */
export function rendererHeaders(file: string): Record<string, string> {
  return {
    'content-type': rendererContentType(file),
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer'
  }
}

/**
 * The file under `root` an `app://swarmdesk/...` request names, or null: another scheme or host,
 * a path that does not decode, a NUL byte, a backslash, or anything that would leave `root`
 * (`..`, encoded or not, an absolute path smuggled in). Pure.
 */
export function rendererFile(root: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path === '/' || path === '') path = '/index.html'
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null
  const relative = path.replace(/^\/+/, '')
  if (relative === '' || isAbsolute(relative)) return null
  const base = normalize(root)
  const file = normalize(join(base, relative))
  return file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : null
}
