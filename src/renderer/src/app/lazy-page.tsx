import { createElement, useEffect, useState, type ComponentType, type ReactNode } from 'react'
import { Center, Loader } from '@mantine/core'

type Loading<T> = { status: 'pending'; promise: Promise<T> } | { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown }

/**
 * A page in its own chunk, loaded on first use (or when `preload` asks for it). While the chunk
 * loads, a small loader stands in its place; the page renders the moment it arrives. Not React.lazy
 * with Suspense: a revealed Suspense boundary is held back up to 300 ms after its fallback showed
 * (React's reveal throttle), which made the first page appear a third of a second late even when
 * its chunk arrived in a few milliseconds. A chunk that fails to load fails the render (the
 * error boundary shows it), as React.lazy would.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): { Page: (props: P) => ReactNode; preload: () => void } {
  let loading: Loading<ComponentType<P>> | null = null
  const start = (): Loading<ComponentType<P>> => {
    if (loading) return loading
    const promise = load()
    const state: Loading<ComponentType<P>> = { status: 'pending', promise }
    loading = state
    promise.then(
      (value) => {
        loading = { status: 'fulfilled', value }
      },
      (reason: unknown) => {
        loading = { status: 'rejected', reason }
      }
    )
    return state
  }
  function Page(props: P): ReactNode {
    const now = start()
    const [, settled] = useState(0)
    useEffect(() => {
      if (now.status !== 'pending') return
      let live = true
      const rerender = (): void => {
        if (live) settled((n) => n + 1)
      }
      now.promise.then(rerender, rerender)
      return () => {
        live = false
      }
    }, [now])
    if (now.status === 'fulfilled') return createElement(now.value, props)
    if (now.status === 'rejected') throw now.reason
    return (
      <Center style={{ flex: 1 }} data-testid="page-loading">
        <Loader size="sm" />
      </Center>
    )
  }
  return { Page, preload: () => void start() }
}
