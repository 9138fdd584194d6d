/** What both 3PID stages are: `threepid_creds` name a validated session of the stage's medium. */
import type { KeyedHash } from '../../crypto/keyed-hash.js';
import { ErrCode } from '../../matrix/errcodes.js';
import { LoginType } from '../../matrix/login-types.js';
import { Medium } from '../../model/medium.js';
import type { ThreepidStore } from '../../ports/index.js';
import { purposeOf, ValidationPurpose, type ValidationSession } from '../../model/validation-session.js';
import { Purpose } from '../../threepid/secrets.js';
import { fail, pass, type SessionFreeStage, type StageInput, type StageResult } from './stage.js';
import { CLIENT_SECRET, SID } from '../../matrix/identifiers.js';

export interface ThreepidStageDeps {
  threepids: ThreepidStore;
  hasher: KeyedHash;
}

function credsOf(auth: Record<string, unknown>): { sid: string; clientSecret: string } | undefined {
  // `threePidCreds` is the name older clients used.
  const creds = (auth.threepid_creds ?? auth.threePidCreds) as Record<string, unknown> | undefined;
  const sid = creds?.sid;
  const clientSecret = creds?.client_secret;
  if (typeof sid !== 'string' || typeof clientSecret !== 'string' || !SID.test(sid) || !CLIENT_SECRET.test(clientSecret)) return undefined;
  return { sid, clientSecret };
}

/** The stages' `prepare`: reads the validation session the creds name, while the registration session is read. */
function readValidationSession(
  auth: Record<string, unknown>,
  now: number,
  deps: ThreepidStageDeps,
): Promise<ValidationSession | undefined> {
  const creds = credsOf(auth);
  return creds ? deps.threepids.get(creds.sid, now) : Promise.resolve(undefined);
}

/** Both 3PID stages pass with the same kind of record: the address verified. */
type ThreepidStage = typeof LoginType.EmailIdentity | typeof LoginType.Msisdn;

const MEDIUM_OF = { [LoginType.EmailIdentity]: Medium.Email, [LoginType.Msisdn]: Medium.Msisdn } as const;

/** A 3PID stage: no params; it reads the validation session beside the registration session, then checks it. */
export function threepidStage<T extends ThreepidStage>(type: T, deps: ThreepidStageDeps): SessionFreeStage<T> {
  return {
    type,
    sessionFree: true,
    params: () => undefined,
    prepare: (auth, now) => readValidationSession(auth, now, deps),
    // Both types pass with the same record, which TypeScript cannot see through the generic.
    check: (input) => checkThreepidCreds(MEDIUM_OF[type], input, deps) as Promise<StageResult<T>>,
  };
}

async function checkThreepidCreds(
  medium: Medium,
  input: Omit<StageInput, 'session'>,
  deps: ThreepidStageDeps,
): Promise<StageResult<ThreepidStage>> {
  const creds = credsOf(input.auth);
  if (!creds) return fail(ErrCode.MissingParam, 'threepid_creds with sid and client_secret are required');
  const { sid, clientSecret } = creds;
  const prepared = input.prepared as Promise<ValidationSession | undefined> | undefined;
  const session = await (prepared ?? deps.threepids.get(sid, input.now));
  const matches = session !== undefined && deps.hasher.matches(Purpose.ClientSecret, clientSecret, session.clientSecretHash);
  // A validation made for another use (an address added to an account, a reset) never passes a sign-up stage.
  const forSignUp = session !== undefined && purposeOf(session) === ValidationPurpose.Register;
  if (!session || !matches || session.medium !== medium || !forSignUp)
    return fail(ErrCode.ThreepidAuthFailed, 'No validated session matches these credentials');
  if (session.validatedAt === undefined) return fail(ErrCode.Unauthorized, 'This address has not been confirmed yet');
  // The country found when the number was parsed travels on, for the re-check at account creation.
  return pass({
    medium,
    address: session.address,
    validatedAt: session.validatedAt,
    ...(session.country ? { country: session.country } : {}),
  });
}
