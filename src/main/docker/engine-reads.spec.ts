import { describe, expect, it } from 'vitest'
import { engineQuery } from './engine-reads'

describe('engineQuery', () => {
  it.each([
    [{}, ''],
    [{ status: true }, '?status=true'],
    [{ filters: { label: ['com.docker.stack.namespace'] }, status: true }, '?filters=%7B%22label%22%3A%5B%22com.docker.stack.namespace%22%5D%7D&status=true']
  ])('%j -> %s (filters as JSON, as docker-modem writes them)', (query, expected) => expect(engineQuery(query)).toBe(expected))
})
