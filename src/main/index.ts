import { app, BrowserWindow, ipcMain, session, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createServices } from './composition'
import { createDispatcher } from './rpc/dispatcher'
import { startIpcTransport } from './rpc/ipc-transport'
import { createElectronPlatform } from './platform/electron-platform'
import { keepRunningOnRejection } from './process-faults'

// The Electron bootstrap: one window, hardened, talking to the same services as web mode.
const rendererDev = process.env.ELECTRON_RENDERER_URL
const rendererFile = join(__dirname, '../renderer/index.html')

function isTrustedUrl(url: string): boolean {
  if (rendererDev) return url.startsWith(rendererDev)
  return url === pathToFileURL(rendererFile).href || url.startsWith(`${pathToFileURL(rendererFile).href}#`)
}

const CSP = [
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

async function createWindow(): Promise<void> {
  const services = createServices({ platform: createElectronPlatform() })
  const dispatcher = createDispatcher(services.router)

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
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
    if (url.startsWith('https://') || /^http:\/\/127\.0\.0\.1:\d+(\/|$)/.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })

  const stopIpc = startIpcTransport({ ipcMain, dispatcher, bus: services.bus, isTrustedUrl, target: window.webContents })
  window.on('closed', () => {
    stopIpc()
    services.dispose()
  })

  if (rendererDev) await window.loadURL(rendererDev)
  else await window.loadFile(rendererFile)
}

// a stray rejection is logged; the window and its clusters stay up
keepRunningOnRejection(process, (line, reason) => console.error(line, reason))

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

void app.whenReady().then(createWindow)
app.on('window-all-closed', () => app.quit())
