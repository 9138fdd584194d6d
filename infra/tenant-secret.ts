/** The tenant's one secret: a generated encryption key, plus the homeserver credential the operator adds. */
import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class TenantSecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: { tenantName: string }) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `Matrix front door "${props.tenantName}": encryptionKey (generated), registrationSharedSecret or homeserverAdminToken (add after deploy), operatorKey (optional)`,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'encryptionKey',
        // 43 characters of [A-Za-z0-9] are valid base64 for 32 bytes: a 256-bit AES key, never seen by anyone.
        passwordLength: 43,
        excludePunctuation: true,
        includeSpace: false,
      },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated by a Lambda: the encryption key seals passwords of sessions that live at most a week, and the homeserver credential is issued by the homeserver; the README gives the manual rotation steps for both.',
    });
  }
}
