/**
 * Maps a thrown network error to a failure class by its code (undici and Node both give stable
 * codes), walking the `cause` chain. Message text is only ever shown, never matched.
 */
import type { FailureClass, ProbeFailure } from '../gate/types.js';

const BY_CODE: Record<string, { class: FailureClass; message: string }> = {
  ENOTFOUND: { class: 'dns', message: 'DNS name not found' },
  EAI_AGAIN: { class: 'dns', message: 'DNS lookup failed (temporary)' },
  EAI_NODATA: { class: 'dns', message: 'DNS name has no address' },
  ECONNREFUSED: { class: 'refused', message: 'connection refused' },
  ECONNRESET: { class: 'reset', message: 'connection reset by peer' },
  EPIPE: { class: 'reset', message: 'connection closed while sending (broken pipe)' },
  UND_ERR_SOCKET: { class: 'reset', message: 'connection closed before the response completed' },
  UND_ERR_CLOSED: { class: 'reset', message: 'connection closed' },
  EHOSTUNREACH: { class: 'network', message: 'host unreachable' },
  ENETUNREACH: { class: 'network', message: 'network unreachable' },
  ETIMEDOUT: { class: 'timeout-connect', message: 'connect timed out' },
  UND_ERR_CONNECT_TIMEOUT: { class: 'timeout-connect', message: 'connect timed out' },
  UND_ERR_HEADERS_TIMEOUT: { class: 'timeout-headers', message: 'no response headers in time' },
  UND_ERR_BODY_TIMEOUT: { class: 'timeout-body', message: 'body did not arrive in time' },
  HPE_INVALID_CONSTANT: { class: 'network', message: 'response is not valid HTTP' },
  UND_ERR_INFO: { class: 'network', message: 'invalid response' },
  // Through a proxy: undici wraps what went wrong before the tunnel existed; the wrapped code
  // (a reset, say) would blame the target for the proxy's doing.
  UND_ERR_PRX_CONN: {
    class: 'network',
    message: 'the proxy closed the connection before the tunnel was set up',
  },
  UND_ERR_PRX_TLS: { class: 'tls', message: 'TLS to the proxy failed' },
};

/** TLS failures come with many codes; their families are stable. */
function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code === 'EPROTO' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN'
  );
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

export function classifyNetworkError(error: unknown): ProbeFailure {
  const codes = codesOf(error);
  for (const code of codes) {
    const known = BY_CODE[code];
    if (known) return { ...known, code };
    if (isTlsCode(code)) return { class: 'tls', message: `TLS handshake failed (${code})`, code };
  }
  const code = codes[0];
  const text = error instanceof Error ? error.message : String(error);
  return {
    class: 'network',
    message: `request failed: ${text}`.slice(0, 200),
    ...(code ? { code } : {}),
  };
}
