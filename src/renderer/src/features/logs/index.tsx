// The logs feature's public face: other features embed these.
export { LogViewer, type LogViewerProps } from './LogViewer'
export { LogsPanel } from './LogsPanel'
