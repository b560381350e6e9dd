import { describe, expect, it } from 'vitest'
import { hostKeyAlgorithms } from './ssh-connect'
import { algorithmsAskSshRsa, parseSshConfig, resolveHost } from './ssh-config'

describe('ssh-rsa (SHA-1) only when the user asks for it', () => {
  it('is not offered by default, RSA keys still are with SHA-2', () => {
    expect(hostKeyAlgorithms([])).not.toContain('ssh-rsa')
    expect(hostKeyAlgorithms(['ssh-rsa'])).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'])
  })

  it('is offered, last, when ~/.ssh/config asks', () => {
    expect(hostKeyAlgorithms([], { sshRsa: true }).at(-1)).toBe('ssh-rsa')
    expect(hostKeyAlgorithms(['ssh-rsa'], { sshRsa: true }).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'])
  })

  it.each([
    ['+ssh-rsa', true],
    ['^ssh-rsa,ssh-ed25519', true],
    ['ssh-ed25519,ssh-rsa', true],
    ['-ssh-rsa', false],
    ['rsa-sha2-512,rsa-sha2-256', false],
    ['ssh-rsa-cert-v01@openssh.com', false]
  ])('reads %s as %s', (value, asks) => expect(algorithmsAskSshRsa(value)).toBe(asks))

  it('takes it from HostKeyAlgorithms or PubkeyAcceptedAlgorithms of the matching Host, first value wins', () => {
    const config = parseSshConfig(['Host old', '  HostKeyAlgorithms +ssh-rsa', 'Host legacy', '  PubkeyAcceptedKeyTypes +ssh-rsa', 'Host *', '  HostKeyAlgorithms ssh-ed25519'].join('\n'), 'config', { homeDir: '/home/me' })
    expect(resolveHost('old', config, { homeDir: '/home/me' }).sshRsa).toBe(true)
    expect(resolveHost('legacy', config, { homeDir: '/home/me' }).sshRsa).toBe(true)
    expect(resolveHost('new', config, { homeDir: '/home/me' }).sshRsa).toBe(false)
  })
})
