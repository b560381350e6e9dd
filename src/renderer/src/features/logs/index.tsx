// The logs feature's public face: other features embed the panel.
export { LogsPanel } from './LogsPanel'
