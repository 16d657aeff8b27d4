// Which push endpoints the server will send to. The server POSTs to whatever URL a browser gave
// it, so only https is accepted, never to a loopback or private address; a plain-http loopback
// endpoint only when PUSH_ALLOW_INSECURE_ENDPOINTS is on (a local test push service).
import { isIP } from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;
const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|f[cd][0-9a-f]{2}:|fe80:)/i;

/** Why the endpoint is refused, or null when it is fine. */
export function endpointProblem(raw: string, allowInsecure: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute https URL';
  }
  if (url.username || url.password) return 'must not carry a user or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = LOOPBACK.test(host);
  if (url.protocol === 'http:' && allowInsecure && loopback) return null;
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (loopback || (isIP(host) !== 0 && PRIVATE.test(host)))
    return 'must be a public push service, not a local address';
  return null;
}
