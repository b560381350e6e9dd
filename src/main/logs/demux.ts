/**
 * The Engine's multiplexed stream format (logs and attach without a TTY): each frame is an 8-byte
 * header — byte 0 the stream (0 stdin, 1 stdout, 2 stderr), bytes 1-3 zero, bytes 4-7 the payload
 * size, big-endian — followed by the payload. TCP cuts the stream anywhere, so a frame (even its
 * header) can arrive split across chunks: the demuxer keeps the unfinished part for the next chunk.
 * Pure (no I/O): feed it chunks, get whole frames back.
 */

export type FrameStream = 'stdin' | 'stdout' | 'stderr'

export interface Frame {
  stream: FrameStream
  payload: Buffer
}

export class FrameFormatError extends Error {}

const HEADER_SIZE = 8
const streams: Record<number, FrameStream> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' }
/** A sane upper bound: the engine caps log messages at 16 KiB per frame (plus timestamp and details). */
const MAX_FRAME_SIZE = 1024 * 1024

export class FrameDemuxer {
  private pending: Buffer = Buffer.alloc(0)

  /** Whole frames completed by this chunk, in order. Throws FrameFormatError on a header that is not a frame. */
  push(chunk: Uint8Array): Frame[] {
    let data = this.pending.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([this.pending, chunk])
    const frames: Frame[] = []
    while (data.length >= HEADER_SIZE) {
      const stream = streams[data[0]]
      if (!stream || data[1] !== 0 || data[2] !== 0 || data[3] !== 0) {
        throw new FrameFormatError(`not a multiplexed log stream (header byte ${data[0]} ${data[1]} ${data[2]} ${data[3]})`)
      }
      const size = data.readUInt32BE(4)
      if (size > MAX_FRAME_SIZE) throw new FrameFormatError(`frame of ${size} bytes exceeds ${MAX_FRAME_SIZE}`)
      if (data.length < HEADER_SIZE + size) break
      // Copy the payload: the chunk's memory belongs to the socket and may be reused.
      frames.push({ stream, payload: Buffer.from(data.subarray(HEADER_SIZE, HEADER_SIZE + size)) })
      data = data.subarray(HEADER_SIZE + size)
    }
    this.pending = Buffer.from(data)
    return frames
  }

  /** Bytes held back waiting for the rest of a frame (non-zero at the end of a stream means it was cut). */
  get bufferedBytes(): number {
    return this.pending.length
  }
}

/** Builds a frame; for tests and for anyone who needs to speak the format. */
export function encodeFrame(stream: FrameStream, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload
  const header = Buffer.alloc(HEADER_SIZE)
  header[0] = stream === 'stdin' ? 0 : stream === 'stdout' ? 1 : 2
  header.writeUInt32BE(body.length, 4)
  return Buffer.concat([header, body])
}
