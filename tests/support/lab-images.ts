/** The lab registry's images (scripts/lab), and a tag it does not have (an update that must fail to pull). */
export const WEB1 = '10.77.0.1:5000/swarmdesk/web:1'
export const WEB2 = '10.77.0.1:5000/swarmdesk/web:2'
export const MISSING_WEB = '10.77.0.1:5000/swarmdesk/web:no-such-tag'
