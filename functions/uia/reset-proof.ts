/**
 * The one stage of a password reset: `threepid_creds` naming a validation session of purpose `reset`, of the
 * stage's medium, confirmed, its client secret matching (constant time), and not spent on another reset.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { ErrCode } from '../matrix/errcodes.js';
import { CLIENT_SECRET, SID } from '../matrix/identifiers.js';
import type { Medium } from '../model/medium.js';
import type { ResetProof } from '../model/reset-session.js';
import { purposeOf, ValidationPurpose } from '../model/validation-session.js';
import type { ResetSessionStore, ThreepidStore } from '../ports/index.js';
import { Purpose } from '../threepid/secrets.js';

export interface ResetProofDeps {
  threepids: ThreepidStore;
  hasher: KeyedHash;
  store: Pick<ResetSessionStore, 'proofUsedBy'>;
}

export type ProofFailure = { errcode: ErrCode; error: string };

export const PROOF_USED: ProofFailure = {
  errcode: ErrCode.ThreepidAuthFailed,
  error: 'This confirmation has already been used for a password reset',
};
const NO_MATCH: ProofFailure = { errcode: ErrCode.ThreepidAuthFailed, error: 'No validated session matches these credentials' };

export async function checkResetProof(
  deps: ResetProofDeps,
  medium: Medium,
  auth: Record<string, unknown>,
  resetSessionId: string,
  now: number,
): Promise<ResetProof | ProofFailure> {
  // `threePidCreds` is the name older clients used.
  const creds = (auth.threepid_creds ?? auth.threePidCreds) as Record<string, unknown> | undefined;
  const sid = creds?.sid;
  const clientSecret = creds?.client_secret;
  if (typeof sid !== 'string' || typeof clientSecret !== 'string' || !SID.test(sid) || !CLIENT_SECRET.test(clientSecret)) {
    return { errcode: ErrCode.MissingParam, error: 'threepid_creds with sid and client_secret are required' };
  }
  const [session, usedBy] = await Promise.all([deps.threepids.get(sid, now), deps.store.proofUsedBy(sid)]);
  if (!session || session.medium !== medium || purposeOf(session) !== ValidationPurpose.Reset) return NO_MATCH;
  if (!deps.hasher.matches(Purpose.ClientSecret, clientSecret, session.clientSecretHash)) return NO_MATCH;
  if (session.validatedAt === undefined) return { errcode: ErrCode.Unauthorized, error: 'This address has not been confirmed yet' };
  if (usedBy !== undefined && usedBy !== resetSessionId) return PROOF_USED;
  return { medium, address: session.address, sid };
}
