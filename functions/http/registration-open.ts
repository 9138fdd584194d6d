/**
 * Whether sign-up is open now: the tenant's `registration.enabled` and the operator's live switch
 * `close-registration` (read through its short cache), which every sign-up route answers alike.
 */
import type { SwitchReader } from '../ports/switches.js';

export async function registrationOpen(enabled: boolean, switches?: SwitchReader): Promise<boolean> {
  if (!enabled) return false;
  return !(await switches?.current())?.registrationClosed;
}
