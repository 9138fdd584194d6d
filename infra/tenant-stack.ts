/** One stack per tenant: the front door, tagged with the tenant, and the outputs an operator needs. */
import { CfnOutput, Fn, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FrontDoor } from './front-door.js';
import type { Tenant } from './tenants.js';
import { Annotations } from 'aws-cdk-lib';

export interface TenantStackProps extends StackProps {
  tenant: Tenant;
}

/** The stack's name, and its construct id, for a tenant. */
export const tenantStackName = (tenant: string) => `MatrixFrontDoor-${tenant}`;

export class TenantStack extends Stack {
  readonly frontDoor: FrontDoor;

  constructor(scope: Construct, props: TenantStackProps) {
    const { tenant, ...stackProps } = props;
    const { deployment } = tenant;
    super(scope, tenantStackName(tenant.name), {
      description: `Matrix registration front door for tenant "${tenant.name}" (${tenant.config.serverName})`,
      ...(deployment.account || deployment.region ? { env: { account: deployment.account, region: deployment.region } } : {}),
      ...stackProps,
    });
    Tags.of(this).add('matrix-front-door:tenant', tenant.name);
    for (const warning of tenant.warnings) Annotations.of(this).addWarningV2('matrix-front-door:tenant', warning);
    const { homeserverCdn } = deployment;
    this.frontDoor = new FrontDoor(this, 'FrontDoor', {
      tenantName: tenant.name,
      config: tenant.config,
      logRetention: deployment.logRetentionDays as logs.RetentionDays,
      throttle: deployment.throttle,
      // tenants.ts refuses a tenant without them.
      alarms: deployment.alarms!,
      operatorAuth: deployment.operatorAuth,
      ...(deployment.domain ? { domain: deployment.domain } : {}),
      ...(deployment.hostedZone ? { hostedZone: deployment.hostedZone } : {}),
      ...(deployment.email ? { email: deployment.email } : {}),
      ...(deployment.sms ? { sms: deployment.sms } : {}),
      ...(deployment.network ? { network: deployment.network } : {}),
      ...(deployment.frontDoorCdn ? { frontDoorCdn: deployment.frontDoorCdn } : {}),
      ...(homeserverCdn ? { homeserverCdn: { ...homeserverCdn, priceClass: homeserverCdn.priceClass as cloudfront.PriceClass } } : {}),
    });
    this.addOutputs();
  }

  private addOutputs(): void {
    const { api, secrets, table, cdn, publicUrl } = this.frontDoor;
    new CfnOutput(this, 'PublicUrl', { value: publicUrl, description: 'The base URL clients use for registration' });
    // Without a custom domain (or with the CDN as its client) the execute-api URL is the way in.
    if (!api.api.disableExecuteApiEndpoint) new CfnOutput(this, 'ApiEndpoint', { value: api.api.apiEndpoint });
    if (api.domainName) {
      new CfnOutput(this, 'DomainTarget', {
        value: api.domainName.regionalDomainName,
        description: 'Point the custom domain (CNAME or alias) here',
      });
    }
    const { frontDoorCdn, network } = this.frontDoor;
    if (frontDoorCdn) {
      new CfnOutput(this, 'FrontDoorCdnDomain', {
        value: frontDoorCdn.distribution.distributionDomainName,
        description: 'Point the front door domain here (CloudFront and WAF; the API refuses requests that bypass it)',
      });
    }
    if (api.operatorPolicy) {
      new CfnOutput(this, 'OperatorPolicyArn', {
        value: api.operatorPolicy.managedPolicyArn,
        description: 'Attach to the IAM principals that may call the operator API (SigV4)',
      });
    }
    if (network?.egressIps.length) {
      // Also output by the network construct; here under a stable name.
      new CfnOutput(this, 'HomeserverAllowList', {
        value: Fn.join(',', network.egressIps),
        description: 'The egress IPs to allow on /_synapse/admin/',
      });
    }
    if (cdn)
      new CfnOutput(this, 'CdnDomain', {
        value: cdn.distribution.distributionDomainName,
        description: 'Point the homeserver client domain here',
      });
    new CfnOutput(this, 'HomeserverSecretArn', {
      value: secrets.homeserver.secretArn,
      description: 'Put registrationSharedSecret and/or homeserverAdminToken here',
    });
    new CfnOutput(this, 'OperatorSecretArn', {
      value: secrets.operator.secretArn,
      description: 'Holds the generated operatorKey for the operator API',
    });
    if (secrets.events) {
      new CfnOutput(this, 'EventsWebhookSecretArn', {
        value: secrets.events.secretArn,
        description: 'Holds the generated webhookSecret: the events webhook receiver verifies with whsec_<webhookSecret>',
      });
    }
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
