import { Duplex } from 'node:stream'
import type { ClientChannel } from 'ssh2'

/**
 * A socket for http.Agent backed by an SSH channel that is still being opened. It is returned
 * synchronously, like net.connect's socket, so the agent counts it at once (with an asynchronous
 * createConnection, Node's agent does not count pending sockets and maxSockets is not enforced).
 * Writes wait for the channel; a failed open destroys the socket with that error, which the
 * request then reports. It also provides what http calls on a net.Socket: keep-alive and no-delay
 * are meaningless on a channel (no-ops), setTimeout is a real idle timer, ref/unref do nothing
 * (the SSH connection's own socket is what holds the event loop).
 */
export class ChannelSocket extends Duplex {
  connecting = true
  timeout = 0
  private channel: ClientChannel | null = null
  private channelClosed = false
  private idleTimer: NodeJS.Timeout | undefined

  constructor(private readonly opened: Promise<ClientChannel>) {
    super({ allowHalfOpen: false })
    // http attaches its own listener; this one only guarantees an early error can never crash.
    this.on('error', () => undefined)
    opened.then(
      (channel) => this.attach(channel),
      (error: Error) => this.destroy(error)
    )
  }

  private attach(channel: ClientChannel): void {
    if (this.destroyed) {
      channel.destroy()
      return
    }
    this.channel = channel
    this.connecting = false
    channel.on('data', (chunk: Buffer) => {
      this.touch()
      if (!this.push(chunk)) channel.pause()
    })
    channel.on('end', () => this.push(null))
    channel.on('error', (error: Error) => this.destroy(error))
    channel.once('close', () => {
      this.channelClosed = true
      // Let buffered data be read; with allowHalfOpen false the stream then finishes and closes.
      this.push(null)
      this.end()
    })
    this.emit('connect')
  }

  private touch(): void {
    this.idleTimer?.refresh()
  }

  override _read(): void {
    this.channel?.resume()
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch()
    this.opened.then(
      (channel) => {
        if (this.channelClosed) return callback(new Error('the SSH channel is closed'))
        if (channel.write(chunk)) callback()
        else channel.once('drain', () => callback())
      },
      (error: Error) => callback(error)
    )
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.opened.then(
      (channel) => {
        if (!this.channelClosed) channel.end()
        callback()
      },
      () => callback()
    )
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    this.opened.then(
      (channel) => {
        if (!this.channelClosed) channel.destroy()
      },
      () => undefined
    )
    callback(error)
  }

  /** net.Socket semantics: emit 'timeout' after `ms` without traffic; 0 disables. */
  setTimeout(ms: number, callback?: () => void): this {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    this.timeout = ms
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback)
      else this.once('timeout', callback)
    }
    if (ms > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), ms)
      this.idleTimer.unref()
    }
    return this
  }

  setKeepAlive(): this {
    return this
  }

  setNoDelay(): this {
    return this
  }

  ref(): this {
    return this
  }

  unref(): this {
    return this
  }
}
