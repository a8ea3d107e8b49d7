/**
 * The one decision on where a redirect taken from input (`next`, `returnTo`, `back`) may go: a
 * path on this site, never another origin. Browsers are generous with `Location`: they drop tabs
 * and newlines, read `\` as `/`, and resolve `/.//x` to `//x`, a host. So the value is refused
 * outright when it holds a control character or a backslash, then parsed with the WHATWG URL
 * parser against a dummy origin, and only the normalised path that parsing gives back is used.
 */

const DUMMY_ORIGIN = 'https://lantern.invalid';
const MAX_LENGTH = 2_000;
// C0 controls, DEL and C1 controls: browsers strip or mangle them inside URLs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * `value` as a same-origin path with its query and fragment (e.g. `/c/tea?page=2`) when it is
 * one, else `fallback`. The answer always starts with exactly one `/`.
 *
 * @example safeLocalPath('/\t/evil.example') // '/'
 */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (CONTROL.test(value) || value.includes('\\')) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, DUMMY_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== DUMMY_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can normalise `/.//x` into `//x`, which a browser reads as another host.
  return isSinglySlashed(path) ? path : fallback;
}

/** True for a path that starts with one `/` and not `//` or `/\`. */
function isSinglySlashed(path: string): boolean {
  return path.startsWith('/') && path[1] !== '/' && path[1] !== '\\';
}
