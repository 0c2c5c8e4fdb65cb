// The JSON API client: every RPC is POST /api/vigil.v1.<Service>/<Method>.

/** gRPC status codes the pages branch on. */
export const Code = Object.freeze({
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
});

/** ApiError is a failed call: the HTTP status and the gRPC code and message. */
export class ApiError extends Error {
  constructor(httpStatus, code, message) {
    super(message);
    this.name = 'ApiError';
    this.httpStatus = httpStatus;
    this.code = code;
  }
}

/** call invokes one RPC with a request object and returns the response object. */
export async function call(service, method, body = {}) {
  const res = await fetch(`/api/vigil.v1.${service}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const text = await res.text();
  let data = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { message: text };
  }
  if (res.status === 401) {
    location.assign('/signin?next=' + encodeURIComponent(location.pathname + location.search));
  }
  if (!res.ok) {
    throw new ApiError(res.status, data.code ?? 2, data.message || res.statusText);
  }
  return data;
}

/** newRequestId returns a fresh idempotency key for a command. */
export function newRequestId() {
  return 'web-' + crypto.randomUUID();
}

/** errorText explains a failed call without adding to what the server said. */
export function errorText(e) {
  if (e && e.code === Code.INVALID_ARGUMENT) return `Check the filters: ${e.message}`;
  if (e && e.code === Code.UNAVAILABLE) return 'The server is catching up; try again in a moment.';
  return `The server could not answer${e && e.message ? `: ${e.message}` : '.'}`;
}
