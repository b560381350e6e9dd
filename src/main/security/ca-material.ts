import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto'
import { phrase, type Phrase } from '../../shared/phrase'

/**
 * Checks a root CA the user gives before anything is sent: both parse, the key is the
 * certificate's, the certificate is a CA and valid now. Returns what is wrong, or null. Pure
 * (node:crypto parses; nothing is read or written).
 */
export function checkGivenCa(certPem: string, keyPem: string, now: Date): Phrase | null {
  let cert: X509Certificate
  try {
    cert = new X509Certificate(certPem)
  } catch (error) {
    return phrase('security.said.ca-cert-unreadable', { problem: (error as Error).message })
  }
  let key: KeyObject
  try {
    key = createPrivateKey(keyPem)
  } catch (error) {
    return phrase('security.said.ca-key-unreadable', { problem: (error as Error).message })
  }
  if (!cert.checkPrivateKey(key)) return phrase('security.said.ca-key-mismatch', { subject: cert.subject.replace(/\n/g, ', ') })
  const notAfter = new Date(cert.validTo)
  if (notAfter.getTime() <= now.getTime()) return phrase('security.said.ca-expired', { date: notAfter.toISOString() })
  const notBefore = new Date(cert.validFrom)
  if (notBefore.getTime() > now.getTime()) return phrase('security.said.ca-not-yet-valid', { date: notBefore.toISOString() })
  if (!cert.ca) return phrase('security.said.ca-not-a-ca', { subject: cert.subject.replace(/\n/g, ', ') })
  return null
}
