// The JSON API client: every RPC is POST /api/vigil.v1.<Service>/<Method>.

/** gRPC status codes the pages branch on. */
export const Code = Object.freeze({
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
});

/** ApiError is a failed call: the HTTP status and the gRPC code and message. */
class ApiError extends Error {
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

/**
 * commandErrorText explains a refused command: the server's message, which
 * names the rule or the field, after a few words on what kind of refusal
 * it is.
 */
export function commandErrorText(e) {
  if (!(e instanceof ApiError)) return 'The server could not be reached; try again.';
  const why = e.message ? `: ${e.message}` : '.';
  switch (e.code) {
    case Code.INVALID_ARGUMENT: return `Check the form${why}`;
    case Code.PERMISSION_DENIED: return `Not allowed${why}`;
    case Code.FAILED_PRECONDITION: return `Not possible now${why}`;
    case Code.ALREADY_EXISTS: return `Already done${why}`;
    case Code.NOT_FOUND: return `Not found${why}`;
    case Code.ABORTED: return `Changed meanwhile; reload the page and try again${why}`;
    case Code.UNAVAILABLE: return 'The server is catching up; try again in a moment.';
    default: return `The server refused the command${why}`;
  }
}

/**
 * settled reports whether a failed command certainly had no effect, so
 * that trying again is a new command; otherwise (no answer, a timeout, an
 * unavailable server) a retry must send the same request id.
 */
export function settled(e) {
  return e instanceof ApiError && [Code.INVALID_ARGUMENT, Code.NOT_FOUND, Code.ALREADY_EXISTS, Code.PERMISSION_DENIED,
    Code.FAILED_PRECONDITION, Code.ABORTED, Code.UNAUTHENTICATED].includes(e.code);
}
