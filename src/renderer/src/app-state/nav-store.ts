import { create } from 'zustand'

export const pages = ['overview', 'nodes', 'services', 'stacks', 'secrets', 'networks', 'placement', 'security', 'terminals', 'connections'] as const
export type Page = (typeof pages)[number]

interface NavState {
  page: Page
}

interface NavActions {
  go(page: Page): void
}

const initialState: NavState = { page: 'overview' }

export const useNavStore = create<NavState & NavActions>()((set) => ({
  ...initialState,
  go: (page) => set({ page })
}))
