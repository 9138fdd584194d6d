/**
 * CloudFront and WAF in front of the front door itself (a front door on its own domain): CloudFront adds a
 * secret header that the functions require, so the execute-api URL, which WAF cannot cover, is useless alone.
 */
import { Duration, Fn, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { accountBehaviours } from './account-behaviours.js';
import type { FrontDoorCdnSettings } from './tenant-file-network.js';

export interface FrontDoorCdnProps extends FrontDoorCdnSettings {
  /** The front door's API endpoint (`https://{id}.execute-api.{region}.amazonaws.com`). */
  frontDoorEndpoint: string;
  /** `{"originSecret"}`: its value goes into the distribution as a dynamic reference, resolved by CloudFormation. */
  originSecret: secretsmanager.ISecret;
  pagesPath?: string;
  /** The account paths (a password reset, an address added after sign-up) carry an access token: forward it. */
  account?: boolean;
}

export class FrontDoorCdn extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: FrontDoorCdnProps) {
    super(scope, id);
    const origin = new HttpOrigin(Fn.select(2, Fn.split('/', props.frontDoorEndpoint)), {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      // The register function may take 29 s (timeouts.ts); CloudFront's default of 30 s leaves no margin.
      readTimeout: Duration.seconds(35),
      customHeaders: { [props.originHeader]: props.originSecret.secretValueFromJson('originSecret').unsafeUnwrap() },
    });
    // Nothing cached; every viewer header but Host (API Gateway routes on it), so the operator's Authorization
    // and the viewer's address (CloudFront-Viewer-Address) arrive.
    const behaviour: cloudfront.BehaviorOptions = {
      origin,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      compress: true,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Matrix registration front door behind WAF',
      defaultBehavior: behaviour,
      ...(props.account ? { additionalBehaviors: accountBehaviours(this, behaviour) } : {}),
      priceClass: props.priceClass as cloudfront.PriceClass,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
      ...(props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.acknowledge(props);
  }

  private acknowledge(props: FrontDoorCdnProps): void {
    const ack = (rule: string, reason: string) => Validations.of(this.distribution).acknowledge({ id: rule, reason });
    ack(
      'AwsSolutions-CFR1',
      'Matrix is federated and open to clients everywhere; the WAF web ACL, not the CDN, filters by country if wanted.',
    );
    ack(
      'AwsSolutions-CFR3',
      'Nothing is cached: API Gateway access logs record every request the front door answers, with the viewer address.',
    );
    if (!props.certificateArn) {
      ack(
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its own certificate, whose minimum protocol it fixes; set domainName and certificateArn to require TLS 1.2.',
      );
    }
  }
}
