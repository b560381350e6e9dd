import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createServices } from './composition'
import { createDispatcher } from './rpc/dispatcher'
import { startIpcTransport } from './rpc/ipc-transport'
import { createElectronPlatform } from './platform/electron-platform'
import { detached, keepRunningOnRejection } from './process-faults'
import { isRendererUrl, RENDERER_CSP, RENDERER_SCHEME, rendererEntry, rendererFile, rendererHeaders } from './renderer-origin'

// The Electron bootstrap: one window, hardened, talking to the same services as web mode.
// What it loads and from where is decided in renderer-origin.ts (pure, tested): the dev server only
// when not packaged, otherwise the build through the app:// protocol with a real CSP header.
const entry = rendererEntry({ isPackaged: app.isPackaged, devUrl: process.env.ELECTRON_RENDERER_URL })
const rendererRoot = join(__dirname, '../renderer')
const isTrustedUrl = (url: string): boolean => isRendererUrl(entry, url)

// Before `ready`: app:// is a standard, secure origin (relative URLs, fetch, no mixed content).
protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

function serveRenderer(): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFile(rendererRoot, request.url)
    if (!file || request.method !== 'GET') return new Response(null, { status: 404 })
    try {
      return new Response(await readFile(file), { status: 200, headers: rendererHeaders(file) })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}

async function createWindow(): Promise<void> {
  const services = createServices({ platform: createElectronPlatform() })
  const dispatcher = createDispatcher(services.router)

  // the dev server's answers get the same policy the app protocol sends
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } })
  })
  // No remote content, ever: the renderer needs no permission of any kind.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'SwarmDesk',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation, and a port-forward's local address, open in the user's browser, never inside the app.
    if (url.startsWith('https://') || /^http:\/\/127\.0\.0\.1:\d+(\/|$)/.test(url)) detached(shell.openExternal(url), `opening ${url}`)
    return { action: 'deny' }
  })

  const stopIpc = startIpcTransport({ ipcMain, dispatcher, bus: services.bus, isTrustedUrl, target: window.webContents })
  window.on('closed', () => {
    stopIpc()
    services.dispose()
  })

  await window.loadURL(entry.url)
}

// a stray rejection is logged; the window and its clusters stay up
keepRunningOnRejection(process, (line, reason) => console.error(line, reason))

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

// no window means no app: say why and quit rather than linger invisible
app.whenReady().then(() => {
  if (entry.kind === 'app-protocol') serveRenderer()
  return createWindow()
}).catch((error: unknown) => {
  console.error('swarmdesk: the window could not be opened:', error)
  app.exit(1)
})
app.on('window-all-closed', () => app.quit())
