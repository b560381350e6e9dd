// The port-forwards feature's public face: the services feature shows the list and the task action.
export { ForwardsPanel } from './ForwardsPanel'
export { PortForwardAction } from './PortForwardAction'
