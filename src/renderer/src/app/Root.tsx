import { Suspense, use, useEffect, useState, type ReactNode } from 'react'
import { Center, Loader, MantineProvider } from '@mantine/core'
import { ApiProvider } from '../api/api-context'
import type { BootstrapResult } from '../api/bootstrap'
import type { ApiClient } from '../api/client'
import { createMirrorStore } from '../features/mirror/mirror-store'
import { ConnectScreen } from './ConnectScreen'
import { MirrorProvider } from '../features/mirror/mirror-context'
import { Shell } from './Shell'
import { loadInitialData, startSubscriptions } from './startup'
import { theme } from './theme'

export function Root({ boot }: { boot: Promise<BootstrapResult> }): ReactNode {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Suspense fallback={<Splash />}>
        <Booted boot={boot} />
      </Suspense>
    </MantineProvider>
  )
}

function Splash(): ReactNode {
  return (
    <Center mih="100dvh" data-testid="splash">
      <Loader />
    </Center>
  )
}

function Booted({ boot }: { boot: Promise<BootstrapResult> }): ReactNode {
  const result = use(boot)
  if (result.status === 'no-token') return <ConnectScreen reason="no-token" />
  if (result.status === 'refused') return <ConnectScreen reason="refused" error={result.error} />
  return <App api={result.api} />
}

function App({ api }: { api: ApiClient }): ReactNode {
  const [mirror] = useState(createMirrorStore)
  useEffect(() => startSubscriptions(api, mirror), [api, mirror])
  useEffect(() => loadInitialData(api, mirror), [api, mirror])
  return (
    <ApiProvider api={api}>
      <MirrorProvider store={mirror}>
        <Shell />
      </MirrorProvider>
    </ApiProvider>
  )
}
