/**
 * The path and query of a request target, or null when it is not origin-form ("/path?query"): absolute-form
 * ("http://…"), authority-form, "*", a "//host" that would move the base, or anything the URL parser refuses.
 * Every request handler goes through this, so a malformed target is a 400, never an exception.
 */
export function parseTarget(raw: string | undefined): URL | null {
  if (!raw || raw[0] !== '/' || raw[1] === '/' || raw[1] === '\\') return null;
  try {
    return new URL(raw, 'http://localhost');
  } catch {
    return null;
  }
}
