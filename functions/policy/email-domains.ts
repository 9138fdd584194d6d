/** Disposable-mail domains: the shipped list (data/disposable-domains.txt) or the operator's own file. */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../model/config-error.js';

/** Where the shipped list lives: in the source tree, or beside a Lambda bundle (the stack copies it there). */
const SHIPPED_CANDIDATES = [
  new URL('../../data/disposable-domains.txt', import.meta.url),
  new URL('./disposable-domains.txt', import.meta.url),
];
const shippedList = () => SHIPPED_CANDIDATES.find((url) => existsSync(url)) ?? SHIPPED_CANDIDATES[0]!;

export function parseDomainList(text: string): Set<string> {
  const domains = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const domain = line.trim().toLowerCase().replace(/^\.+/, '');
    if (domain && !domain.startsWith('#')) domains.add(domain);
  }
  return domains;
}

/** Read once at start-up; a missing or unreadable file stops the start, as any bad config does. */
export function loadDisposableDomains(path?: string): Set<string> {
  try {
    return parseDomainList(readFileSync(path ?? shippedList(), 'utf8'));
  } catch (error) {
    throw new ConfigError([`signup.email.disposableDomainsPath: ${(error as Error).message}`]);
  }
}

/** True when the address's domain, or any parent domain of it, is listed. */
export function inDomainSet(email: string, domains: ReadonlySet<string>): boolean {
  const labels = email
    .slice(email.lastIndexOf('@') + 1)
    .toLowerCase()
    .split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (domains.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}
