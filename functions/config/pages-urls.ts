/** The addresses the sign-up page is reached at: its base, its mail link's return, an invite link. */
import type { TenantConfig } from './tenant-config.js';

/** The page's public address: the page's own setting, else the one the verification mails use. */
export const pagesBaseUrl = (config: TenantConfig): string =>
  (config.pages?.publicBaseUrl ?? config.threepid?.publicBaseUrl ?? '').replace(/\/+$/, '');

/** The invite link of a registration token, when the tenant has the sign-up page. */
export function inviteUrl(config: TenantConfig, token: string): string | undefined {
  if (!config.pages) return undefined;
  return `${pagesBaseUrl(config)}${config.pages.path}?${new URLSearchParams({ token })}`;
}
