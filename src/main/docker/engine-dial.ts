// Raw requests over dockerode's modem. Direct `dial` rather than dockerode's helpers where the
// helpers do not fit: createService drops the response's Warnings, update helpers would put the
// whole options object in both the query string and the body, and the registry auth header must
// be exactly the one we encode (see the reference, interop checklist 10).
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { EngineClient } from './engine-client'
import { JsonArraySplitter } from './json-array-splitter'

export type Query = Record<string, string | number | boolean | Record<string, string[]>>

export interface DialRequest {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  query?: Query
  body?: unknown
  /** X-Registry-Auth, already encoded */
  registryAuth?: string | null
  statusCodes?: Record<number, boolean | string>
}

const DEFAULT_CODES: Record<number, boolean | string> = {
  200: true,
  201: true,
  204: true,
  304: true,
  400: 'bad parameter',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  406: 'node is not part of a swarm',
  409: 'conflict',
  500: 'server error',
  501: 'not implemented',
  503: 'node is not part of a swarm'
}

function dialOptions(request: DialRequest, signal: AbortSignal | undefined) {
  const options: { _query?: Query; _body?: unknown } = {}
  if (request.query) options._query = request.query
  if (request.body !== undefined) options._body = request.body
  const hasOptions = request.query !== undefined || request.body !== undefined
  return {
    // docker-modem only appends a query string to paths that contain '?'
    path: request.query ? `${request.path}?` : request.path,
    method: request.method,
    options: hasOptions ? options : undefined,
    authconfig: request.registryAuth ? { base64: request.registryAuth } : undefined,
    statusCodes: request.statusCodes ?? DEFAULT_CODES,
    allowEmpty: request.method === 'POST',
    ...(signal ? { abortSignal: signal } : {})
  }
}

export function dial<T>(docker: EngineClient, request: DialRequest, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(dialOptions(request, signal), (error: unknown, data: unknown) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(data as T)
    })
  })
}

/** A request whose answer is a stream (service logs): resolves once the engine starts answering. */
export function dialStream(docker: EngineClient, request: DialRequest, signal?: AbortSignal): Promise<Readable> {
  return new Promise<Readable>((resolve, reject) => {
    docker.modem.dial({ ...dialOptions(request, signal), isStream: true }, (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as Readable)))
  })
}

/**
 * A request whose answer is one JSON array, read as it arrives: each element is parsed and handed
 * to `onElement` as soon as it is complete, so the whole answer is never held at once. Resolves
 * with the number of elements once the array has ended; a cut answer, a malformed one or the
 * signal rejects it.
 */
export async function dialArray<T>(docker: EngineClient, request: DialRequest, onElement: (element: T) => void, signal: AbortSignal): Promise<number> {
  const stream = await dialStream(docker, request, signal)
  return new Promise<number>((resolve, reject) => {
    const decoder = new StringDecoder('utf8')
    const splitter = new JsonArraySplitter()
    let count = 0
    let over = false
    const fail = (error: unknown) => {
      if (over) return
      over = true
      stream.destroy()
      reject(error instanceof Error ? error : new Error(String(error)))
    }
    const take = (text: string) => {
      for (const element of splitter.push(text)) {
        onElement(JSON.parse(element) as T)
        count++
      }
    }
    const onAbort = () => fail(signal.reason ?? new Error('aborted'))
    signal.addEventListener('abort', onAbort, { once: true })
    stream.on('data', (chunk: Buffer) => {
      if (over) return
      try {
        take(decoder.write(chunk))
      } catch (error) {
        fail(error)
      }
    })
    stream.on('error', fail)
    stream.on('close', () => fail(new Error('the answer was cut before its end')))
    stream.on('end', () => {
      if (over) return
      try {
        take(decoder.end())
        splitter.end()
        over = true
        signal.removeEventListener('abort', onAbort)
        resolve(count)
      } catch (error) {
        fail(error)
      }
    })
  })
}
