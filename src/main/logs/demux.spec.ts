import { describe, expect, it } from 'vitest'
import { encodeFrame, FrameDemuxer, FrameFormatError } from './demux'

// Frames written by hand (not by encodeFrame) so that the encoder cannot hide a decoder bug.
const handFrame = (streamByte: number, text: string): Buffer => {
  const body = Buffer.from(text)
  return Buffer.concat([Buffer.from([streamByte, 0, 0, 0, 0, 0, (body.length >> 8) & 0xff, body.length & 0xff]), body])
}

const decode = (chunks: Buffer[]) => {
  const demuxer = new FrameDemuxer()
  const frames = chunks.flatMap((chunk) => demuxer.push(chunk)).map((f) => [f.stream, f.payload.toString()])
  return { frames, left: demuxer.bufferedBytes }
}

describe('FrameDemuxer', () => {
  const stream = Buffer.concat([handFrame(1, 'out 1\n'), handFrame(2, 'err 1\n'), handFrame(1, ''), handFrame(1, 'é ü\n')])
  const expected = [
    ['stdout', 'out 1\n'],
    ['stderr', 'err 1\n'],
    ['stdout', ''],
    ['stdout', 'é ü\n']
  ]

  it.each([
    ['whole stream in one chunk', [stream]],
    ['one byte at a time', [...stream].map((b) => Buffer.from([b]))],
    ['split inside the first header', [stream.subarray(0, 3), stream.subarray(3)]],
    ['split inside a payload', [stream.subarray(0, 10), stream.subarray(10)]],
    ['split at a frame boundary', [stream.subarray(0, 14), stream.subarray(14)]],
    ['split inside a multi-byte character', [stream.subarray(0, stream.length - 3), stream.subarray(stream.length - 3)]]
  ])('%s', (_name, chunks) => {
    expect(decode(chunks)).toEqual({ frames: expected, left: 0 })
  })

  it('keeps an unfinished frame until the rest arrives', () => {
    const demuxer = new FrameDemuxer()
    const frame = handFrame(2, 'partial line\n')
    expect(demuxer.push(frame.subarray(0, 12))).toEqual([])
    expect(demuxer.bufferedBytes).toBe(12)
    expect(demuxer.push(frame.subarray(12)).map((f) => f.payload.toString())).toEqual(['partial line\n'])
    expect(demuxer.bufferedBytes).toBe(0)
  })

  it('reads the 32-bit big-endian size (payloads over 255 and 65535 bytes)', () => {
    const big = 'x'.repeat(70_000)
    expect(decode([encodeFrame('stdout', big)]).frames[0][1]).toHaveLength(70_000)
    expect(decode([handFrame(1, 'y'.repeat(300))]).frames[0][1]).toHaveLength(300)
  })

  it.each([
    ['an unknown stream byte', Buffer.from([7, 0, 0, 0, 0, 0, 0, 1, 65])],
    ['non-zero padding (raw text, e.g. a TTY stream)', Buffer.from('2026-11-26T17:32:17Z hello\n')]
  ])('refuses %s', (_name, chunk) => {
    expect(() => new FrameDemuxer().push(chunk)).toThrow(FrameFormatError)
  })

  it('encodeFrame writes what the decoder reads', () => {
    expect(encodeFrame('stderr', 'ab')).toEqual(Buffer.from([2, 0, 0, 0, 0, 0, 0, 2, 97, 98]))
  })
})
