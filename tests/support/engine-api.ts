import { request } from 'node:http'

/**
 * The lab's Engine API spoken directly over a node's socket, for the scripts and test drivers that
 * make or remove objects in bulk (lab:scale, the storm): no gateway, no retries, the answer as it is.
 */
export interface EngineAnswer {
  status: number
  body: unknown
}

export function engineApi(socket: string, method: string, path: string, body?: unknown): Promise<EngineAnswer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const headers = data ? { 'content-type': 'application/json', 'content-length': data.length } : {}
    const req = request({ socketPath: socket, method, path: `/v1.41${path}`, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown = text
        try {
          parsed = text ? JSON.parse(text) : null
        } catch {
          // a plain-text answer
        }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
    })
    req.on('error', reject)
    if (data) req.write(data)
    req.end()
  })
}

/** engineApi, refusing any answer that is not a success (with the engine's own words). */
export async function engineMust<T = unknown>(socket: string, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await engineApi(socket, method, path, body)
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`)
  return answer.body as T
}
