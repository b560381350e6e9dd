import '@mantine/core/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { bootstrapApi } from './api/bootstrap'
import { useAppStore } from './app-state/app-store'
import { Root } from './app/Root'
import { initI18n } from './i18n'

initI18n()

// The transport is chosen once, outside React, so strict mode cannot open two sockets.
const boot = bootstrapApi({ onConnectionLost: () => useAppStore.getState().setConnectionLost() })

const container = document.getElementById('root')
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root boot={boot} />
    </StrictMode>
  )
}
