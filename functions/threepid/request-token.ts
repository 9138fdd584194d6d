/**
 * `requestToken` for email and phone: checks the address against the tenant's rules and limits, then
 * starts (or finds) the validation session and sends the token once per `send_attempt`.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import { invalidParam, limitExceeded, mediumNotSupported, mediumPaused, threepidDenied, threepidInUse } from '../matrix/errors.js';
import type { SwitchReader } from '../ports/switches.js';
import type { Metrics } from '../ports/metrics.js';
import { clientErrorFor, rethrowForClient } from '../matrix/port-failures.js';
import {
  ThreepidLookupMissing,
  type Clock,
  type Homeserver,
  type HomeserverCapabilities,
  type Mailer,
  type Messages,
  type RateLimiter,
  type SendGuard,
  type SmsSender,
  type ThreepidStore,
} from '../ports/index.js';
import { canonicalEmail, emailAllowed, parsePhone, phoneAllowed } from './address.js';
import { Medium, type Threepid } from '../model/medium.js';
import { checkedNextLink } from './next-link.js';
import { emailToken, Purpose, sidFor, smsCode } from './secrets.js';
import type { ThreepidConfig } from './threepid-config.js';
import { ValidationPurpose, type ValidationSession } from '../model/validation-session.js';
import { CLIENT_SECRET } from '../matrix/identifiers.js';

export interface TokenRequestDeps {
  config: ThreepidConfig;
  store: ThreepidStore;
  limiter: RateLimiter;
  /** Only asks who owns an address: in AWS the internal lookup function answers for it (the senders hold no credential). */
  homeserver: Pick<Homeserver, 'findUserByThreepid'>;
  hasher: KeyedHash;
  clock: Clock;
  /** The words of what is sent (web/messages.ts). */
  messages: Messages;
  mailer?: Mailer;
  sms?: SmsSender;
  /** Gating (docs/gating.md): disposable domains, the send gate, the daily SMS ceiling. */
  guard?: SendGuard;
  /** What the start-up probe found: without the homeserver's 3PID lookup no address can be verified. */
  capabilities?: HomeserverCapabilities;
  /** With `msisdn.mobileOnly`: whether a number can take an SMS (threepid/mobile-number.ts, in the sms function). */
  isMobile?: (e164: string) => boolean;
  /** The operator's live switches: a paused medium sends nothing (checked after the repeat, which sends nothing anyway). */
  switches?: SwitchReader;
  /** Counts each mail and SMS sent (and the SMS's estimated price). */
  metrics?: Metrics;
  /** The estimated price of one SMS to a number (E.164), in USD: the tenant's cap, or a per-country estimate. */
  smsPriceUsd?: (e164: string) => number;
}

export interface TokenRequest {
  clientSecret: string;
  sendAttempt: number;
  nextLink?: string;
  /** The front door's UIA session that passed the gate, when the client names it (an extension field). */
  gateSession?: string;
  /** The language the sign-up is made in (`de`, `ar`, …): what is sent is written in it; English when absent or unknown. */
  lang?: string;
  /** Set for a validation after sign-up (an address added, a password reset); absent for a sign-up. */
  scope?: ValidationScope;
}

/**
 * A validation after sign-up. It gets its own sids (the purpose and user join their derivation) and is
 * stored with its purpose and user, so only its own use accepts it; the limits, caps, hashing, repeat and
 * send rules are the sign-up's.
 */
export interface ValidationScope {
  purpose: typeof ValidationPurpose.Add | typeof ValidationPurpose.Reset;
  /** The account the validation is for (add: the user of the access token; absent: bound to a user only at `3pid/add`). */
  userId?: string;
  /** The send gate applies as to a sign-up's request (an add asked for without an access token, when the tenant says so). */
  gated?: boolean;
  /**
   * What the address's current owner (or none) means: send the token, or the notice instead
   * (enumeration-safe); throws a MatrixError to refuse (an address in use, say).
   */
  ownerDecides(owner: string | undefined, threepid: Threepid): 'token' | 'notice';
}

export const EMAIL_SUBMIT_PATH = '/_matrix/client/unstable/registration/email/submit_token';
export const MSISDN_SUBMIT_PATH = '/_matrix/client/unstable/registration/msisdn/submit_token';

const denied = (what: string) => threepidDenied(`${what} is not allowed to register on this server`);

export class TokenRequests {
  constructor(private readonly deps: TokenRequestDeps) {}

  async email(req: TokenRequest & { email: string }, clientIp: string): Promise<{ sid: string }> {
    const { config, mailer, messages } = this.deps;
    const email = config.email;
    if (!email || !mailer || this.lookupMissing()) throw mediumNotSupported('Email');
    const address = canonicalEmail(req.email);
    if (!emailAllowed(address, email)) throw denied('This email address');
    const threepid = { medium: Medium.Email, address };
    const sid = await this.start(threepid, req, clientIp, email.tokenLifetimeSeconds, emailToken, async (token, s) => {
      const link = `${config.publicBaseUrl.replace(/\/+$/, '')}${EMAIL_SUBMIT_PATH}?${new URLSearchParams({ token, client_secret: req.clientSecret, sid: s.sid })}`;
      const lifetimeSeconds = email.tokenLifetimeSeconds;
      const brand = config.brandName;
      const purpose = req.scope?.purpose;
      const content = messages.verificationMail({
        address,
        link,
        brand,
        lifetimeSeconds,
        templates: email.templates,
        lang: req.lang,
        purpose,
      });
      await mailer.send({ to: address, ...content });
    });
    return { sid };
  }

  async msisdn(req: TokenRequest & { country: string; phoneNumber: string }, clientIp: string) {
    const { config, sms, messages } = this.deps;
    const msisdn = config.msisdn;
    if (!msisdn || !sms || this.lookupMissing()) throw mediumNotSupported('Phone');
    const phone = parsePhone(req.phoneNumber, req.country);
    if (!phoneAllowed(phone, msisdn)) throw denied('This phone number');
    if (msisdn.mobileOnly && this.deps.isMobile && !this.deps.isMobile(phone.e164)) throw denied('This phone number (not a mobile number)');
    const threepid = { medium: Medium.Msisdn, address: phone.msisdn };
    // Stored with the validation: the re-check at account creation then needs no phone metadata (phone-country.ts).
    const found = { ...threepid, ...(phone.country ? { country: phone.country } : {}) };
    const sid = await this.start(found, req, clientIp, msisdn.tokenLifetimeSeconds, smsCode, async (code) => {
      const { template, tokenLifetimeSeconds: lifetimeSeconds } = msisdn;
      await sms.send({
        to: phone.e164,
        body: messages.verificationSms({
          code,
          brand: config.brandName,
          lifetimeSeconds,
          template,
          lang: req.lang,
          purpose: req.scope?.purpose,
        }),
      });
    });
    const submitUrl = `${config.publicBaseUrl.replace(/\/+$/, '')}${MSISDN_SUBMIT_PATH}`;
    return { sid, submit_url: submitUrl, msisdn: phone.msisdn, intl_fmt: phone.international, success: true };
  }

  private async start(
    found: Threepid & { country?: string },
    req: TokenRequest,
    clientIp: string,
    lifetimeSeconds: number,
    newToken: () => string,
    send: (token: string, session: ValidationSession) => Promise<void>,
  ): Promise<string> {
    const { country, ...threepid } = found;
    const { config, hasher, clock, store } = this.deps;
    if (!CLIENT_SECRET.test(req.clientSecret)) throw invalidParam('Invalid client_secret');
    const nextLink = checkedNextLink(req.nextLink, config.nextLinkDomains);
    const { scope } = req;
    const sid = sidFor(hasher, threepid.medium, threepid.address, req.clientSecret, scope && `${scope.purpose}:${scope.userId ?? ''}`);
    const now = clock.now();
    // A repeat (same secret, address and send_attempt) sends nothing, so it spends nothing either: it is
    // recognised before the limits and the gate. Enumeration-safe sessions are stored alike, so a repeat
    // for an address in use takes the very same steps.
    const switches = this.deps.switches?.current();
    if (this.isRepeat(await store.get(sid, now), req)) return sid;
    await this.refuseWhilePaused(threepid, switches);
    await this.enforceLimits(threepid, clientIp);
    const purpose = scope?.purpose ?? ValidationPurpose.Register;
    await this.deps.guard?.admit({
      medium: threepid.medium,
      address: threepid.address,
      clientIp,
      gateSession: req.gateSession,
      purpose,
      gated: scope?.gated,
    });
    const owner = await this.deps.homeserver.findUserByThreepid(threepid).catch(ownerLookupFailure(threepid));
    const decision = scope ? scope.ownerDecides(owner, threepid) : this.signUpDecides(owner, threepid);
    const deliver = decision === 'notice' ? () => this.notice(threepid, req.lang, purpose) : send;

    const token = newToken();
    const session: ValidationSession = {
      sid,
      ...threepid,
      clientSecretHash: hasher.hash(Purpose.ClientSecret, req.clientSecret),
      tokenHash: hasher.hash(Purpose.Token, token),
      sendAttempt: req.sendAttempt,
      attempts: 0,
      createdAt: now,
      expiresAt: now + lifetimeSeconds * 1000,
      nextLink,
      ...(scope ? { purpose: scope.purpose, ...(scope.userId ? { userId: scope.userId } : {}) } : {}),
      ...(country ? { country } : {}),
    };
    const begun = await store.begin(session, now);
    if (!begun.written) return begun.existing.sid;
    try {
      await this.deps.guard?.beforeSend(threepid.medium);
      await deliver(token, session);
    } catch (error) {
      // Nothing half-done: the same send_attempt can be asked for again and will send.
      await store.abandon(session.sid, session.tokenHash).catch(() => undefined);
      throw clientErrorFor(error);
    }
    this.countSent(threepid);
    return session.sid;
  }

  /** One mail or SMS sent (a token or a notice alike: each costs the same). */
  private countSent(threepid: Threepid): void {
    const { metrics, smsPriceUsd } = this.deps;
    if (threepid.medium === Medium.Email) metrics?.record({ metric: 'MailSent' });
    else metrics?.record({ metric: 'SmsSent', spendUsd: smsPriceUsd?.(`+${threepid.address}`) ?? 0 });
  }

  /** The operator paused this medium (a live switch): nothing is sent, nothing is spent. */
  private async refuseWhilePaused(threepid: Threepid, switches?: ReturnType<SwitchReader['current']>): Promise<void> {
    const state = await switches;
    if (threepid.medium === Medium.Email && state?.emailPaused) throw mediumPaused('Email');
    if (threepid.medium === Medium.Msisdn && state?.smsPaused) throw mediumPaused('Phone');
  }

  /**
   * A sign-up's address must have no account. Enumeration-safe: an address that has one takes the very same
   * steps (the same sid, the same writes, send_attempt alike), but its owner gets a notice instead of a token
   * that nobody ever sees.
   */
  private signUpDecides(owner: string | undefined, threepid: Threepid): 'token' | 'notice' {
    if (!owner) return 'token';
    if (!this.deps.config.enumerationSafe) throw inUse(threepid);
    return 'notice';
  }

  /** What `store.begin` would leave untouched: a live session asked for with the same or a lower send_attempt, or validated. */
  private isRepeat(stored: ValidationSession | undefined, req: TokenRequest): boolean {
    if (!stored || !this.deps.hasher.matches(Purpose.ClientSecret, req.clientSecret, stored.clientSecretHash)) return false;
    return stored.validatedAt !== undefined || stored.sendAttempt >= req.sendAttempt;
  }

  private lookupMissing(): boolean {
    return this.deps.capabilities?.threepidLookup === 'missing';
  }

  private async enforceLimits(threepid: Threepid, clientIp: string): Promise<void> {
    const { limiter, clock, hasher, config } = this.deps;
    const now = clock.now();
    const checks = [
      // The same keyed hash of the IP as the middleware limits: no client IP is stored in clear.
      limiter.hit(`requestToken:ip:${hasher.hash('rate-ip', clientIp)}`, config.rateLimits.perClientIp, now),
      limiter.hit(`requestToken:${threepid.medium}:${hasher.hash('rate', threepid.address)}`, config.rateLimits.perAddress, now),
    ];
    for (const decision of await Promise.all(checks)) {
      if (!decision.allowed) throw limitExceeded(decision.retryAfterSeconds);
    }
  }

  /**
   * Sent in place of a token: to the owner of an address someone tried to sign up with or add to an account,
   * or (a reset) to an address that no account uses.
   */
  private async notice(threepid: Threepid, lang: string | undefined, purpose: ValidationPurpose): Promise<void> {
    const { config, mailer, sms, messages } = this.deps;
    const reset = purpose === ValidationPurpose.Reset;
    if (threepid.medium === Medium.Email) {
      const content = reset
        ? messages.resetUnknownNoticeMail(config.brandName, lang)
        : messages.inUseNoticeMail(config.brandName, lang, purpose);
      await mailer!.send({ to: threepid.address, ...content });
    } else {
      const body = reset
        ? messages.resetUnknownNoticeSms(config.brandName, lang)
        : messages.inUseNoticeSms(config.brandName, lang, purpose);
      await sms!.send({ to: `+${threepid.address}`, body });
    }
  }
}

/** A homeserver found (at start-up) to lack the lookup is a medium not offered; other failures as usual. */
const ownerLookupFailure =
  (threepid: Threepid) =>
  (error: unknown): never => {
    if (error instanceof ThreepidLookupMissing) throw mediumNotSupported(threepid.medium === Medium.Email ? 'Email' : 'Phone');
    return rethrowForClient(error);
  };

export const inUse = (threepid: Threepid) =>
  threepidInUse(threepid.medium === Medium.Email ? 'Email is already in use' : 'Phone number is already in use');
