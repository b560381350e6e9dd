import { describe, expect, it } from 'vitest'
import { isRendererUrl, RENDERER_CSP, rendererEntry, rendererFile, rendererHeaders } from './renderer-origin'

describe('which page the window loads', () => {
  it('honours ELECTRON_RENDERER_URL only when not packaged', () => {
    expect(rendererEntry({ isPackaged: false, devUrl: 'http://localhost:5173' })).toEqual({ kind: 'dev-server', url: 'http://localhost:5173' })
    expect(rendererEntry({ isPackaged: true, devUrl: 'https://evil.example' })).toEqual({ kind: 'app-protocol', url: 'app://swarmdesk/index.html' })
    expect(rendererEntry({ isPackaged: false, devUrl: undefined })).toEqual({ kind: 'app-protocol', url: 'app://swarmdesk/index.html' })
    expect(rendererEntry({ isPackaged: false, devUrl: '' })).toEqual({ kind: 'app-protocol', url: 'app://swarmdesk/index.html' })
  })

  it('trusts only its own origin', () => {
    const packaged = rendererEntry({ isPackaged: true, devUrl: 'http://localhost:5173' })
    expect(isRendererUrl(packaged, 'app://swarmdesk/index.html#/nodes')).toBe(true)
    expect(isRendererUrl(packaged, 'http://localhost:5173/')).toBe(false)
    expect(isRendererUrl(packaged, 'app://swarmdesk.evil/index.html')).toBe(false)
    expect(isRendererUrl(packaged, 'file:///index.html')).toBe(false)
    const dev = rendererEntry({ isPackaged: false, devUrl: 'http://localhost:5173' })
    expect(isRendererUrl(dev, 'http://localhost:5173/#/x')).toBe(true)
    expect(isRendererUrl(dev, 'http://localhost:51730/')).toBe(false)
  })
})

describe('the app protocol', () => {
  const root = '/opt/SwarmDesk/resources/app.asar/out/renderer'

  it.each([
    ['app://swarmdesk/', `${root}/index.html`],
    ['app://swarmdesk/index.html', `${root}/index.html`],
    ['app://swarmdesk/assets/index-abc.js?v=1#x', `${root}/assets/index-abc.js`],
    ['app://swarmdesk/assets/a%20b.css', `${root}/assets/a b.css`]
  ])('serves %s from the build', (url, file) => expect(rendererFile(root, url)).toBe(file))

  it.each([
    // the URL parser resolves plain and %2e dots itself: what is left stays inside the build
    ['app://swarmdesk/../../../etc/passwd', `${root}/etc/passwd`],
    ['app://swarmdesk/%2e%2e/%2e%2e/etc/passwd', `${root}/etc/passwd`],
    ['app://swarmdesk/%2fetc%2fpasswd', `${root}/etc/passwd`]
  ])('keeps %s inside the build', (url, file) => expect(rendererFile(root, url)).toBe(file))

  it.each([
    'app://swarmdesk/assets/..%2f..%2f..%2fetc/passwd',
    'app://swarmdesk/assets%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://swarmdesk/..%5c..%5cetc%5cpasswd',
    'app://swarmdesk/index.html%00.js',
    'app://swarmdesk/%',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url'
  ])('refuses %s', (url) => expect(rendererFile(root, url)).toBeNull())

  it('answers with a real CSP header, and the policy allows nothing remote', () => {
    expect(rendererHeaders('/x/index.html')).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' })
    expect(RENDERER_CSP).toContain("script-src 'self'")
    expect(RENDERER_CSP).toContain("object-src 'none'")
    expect(RENDERER_CSP).not.toMatch(/https?:|\*/)
  })
})
