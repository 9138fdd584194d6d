/** The third-party identifier kinds the front door verifies. */
export const Medium = { Email: 'email', Msisdn: 'msisdn' } as const;
export type Medium = (typeof Medium)[keyof typeof Medium];

export interface Threepid {
  medium: Medium;
  /** Canonical: a lowercased email, or the E.164 digits without '+' (as Synapse stores them). */
  address: string;
}
