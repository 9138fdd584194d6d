/** Where a person may be sent after confirming: http(s) only, and within the tenant's hosts if it names any. */
import { invalidParam } from '../matrix/errors.js';

export function checkedNextLink(raw: string | undefined, allowedHosts: string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!isAllowedNextLink(raw, allowedHosts)) throw invalidParam('next_link is not an allowed http(s) URL');
  return raw;
}

export function isAllowedNextLink(raw: string, allowedHosts: string[] | undefined): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts === undefined || allowedHosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/** The link with `sid` appended, as the spec asks. */
export function withSid(nextLink: string, sid: string): string {
  const url = new URL(nextLink);
  url.searchParams.set('sid', sid);
  return url.toString();
}
