/**
 * The tenant's secrets, one per privilege so that each can be granted to only the function that needs it:
 * the encryption key and the operator key (generated, never seen by anyone), the homeserver credential
 * (created empty; the operator puts it in after the deploy), the events webhook's signing key and the
 * CloudFront origin header's value (both generated, each only when configured).
 */
import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class TenantSecrets extends Construct {
  /** `{"encryptionKey"}`: sealing and keyed hashes; read by every function. */
  readonly keys: secretsmanager.Secret;
  /**
   * `{"registrationSharedSecret"?, "homeserverAdminToken"?, "captchaSecret"?, "decisionHookSecret"?}`: read by the
   * register function, and by the admin function when sign-ups may wait for approval (approving makes the account).
   */
  readonly homeserver: secretsmanager.Secret;
  /** `{"operatorKey"}`: read by the admin function only. */
  readonly operator: secretsmanager.Secret;
  /**
   * `{"webhookSecret"}`: signs sign-up events to the tenant's webhook (generated: 44 characters of base64,
   * given to the receiver as `whsec_<value>`); only when `events.webhook` is configured.
   */
  readonly events?: secretsmanager.Secret;
  /** `{"originSecret"}`: with CloudFront in front of the front door, the header value it adds and the functions check. */
  readonly origin?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: { tenantName: string; eventsWebhook?: boolean; originSecret?: boolean }) {
    super(scope, id);
    const describe = (what: string) => `Matrix front door "${props.tenantName}": ${what}`;
    this.keys = new secretsmanager.Secret(this, 'Keys', {
      description: describe('encryptionKey (generated; seals session passwords, keys the token hashes)'),
      // 43 characters of [A-Za-z0-9] are valid base64 for 32 bytes: a 256-bit key.
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'encryptionKey',
        passwordLength: 43,
        excludePunctuation: true,
        includeSpace: false,
      },
    });
    this.homeserver = new secretsmanager.Secret(this, 'Homeserver', {
      description: describe(
        'registrationSharedSecret and/or homeserverAdminToken, and captchaSecret if captcha is on (put them in after the deploy)',
      ),
      // Not a secret: the empty object the operator fills in.
      secretObjectValue: {},
    });
    this.operator = new secretsmanager.Secret(this, 'Operator', {
      description: describe('operatorKey (generated; for the operator API)'),
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'operatorKey',
        passwordLength: 48,
        excludePunctuation: true,
        includeSpace: false,
      },
    });
    if (props.eventsWebhook) {
      this.events = new secretsmanager.Secret(this, 'Events', {
        description: describe('webhookSecret (generated; signs sign-up events; the receiver verifies with whsec_<webhookSecret>)'),
        // 44 characters of [A-Za-z0-9] are valid base64 for 33 bytes: the Standard Webhooks key.
        generateSecretString: {
          secretStringTemplate: '{}',
          generateStringKey: 'webhookSecret',
          passwordLength: 44,
          excludePunctuation: true,
          includeSpace: false,
        },
      });
      Validations.of(this.events).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          "The tenant's webhook receiver holds the same key: a rotation is a change on both sides (docs/deploy.md), which a rotation Lambda cannot make.",
      });
    }
    if (props.originSecret) {
      this.origin = new secretsmanager.Secret(this, 'Origin', {
        description: describe('originSecret (generated; CloudFront sends it to the front door, which refuses requests without it)'),
        generateSecretString: {
          secretStringTemplate: '{}',
          generateStringKey: 'originSecret',
          passwordLength: 48,
          excludePunctuation: true,
          includeSpace: false,
        },
      });
      Validations.of(this.origin).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'CloudFront reads the value at deploy time: a rotation must redeploy the stack, then cold start the functions (docs/deploy.md).',
      });
    }
    const reasons: [secretsmanager.Secret, string][] = [
      [
        this.keys,
        'Rotating the encryption key would make every open session unreadable; it seals secrets that live at most a week. docs/deploy.md gives the manual rotation.',
      ],
      [
        this.homeserver,
        "The homeserver issues this credential (Synapse's registration_shared_secret or an admin access token); it is rotated there, then put here (docs/deploy.md).",
      ],
      [
        this.operator,
        'The operator key is handed to people, not to a service a rotation Lambda could update; docs/deploy.md gives the manual rotation.',
      ],
    ];
    for (const [secret, reason] of reasons) Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason });
  }
}
