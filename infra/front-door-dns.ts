/**
 * Optional DNS: when the tenant file names its Route 53 zone (by id and name, so nothing is looked up), the
 * stack makes the API's certificate (validated in that zone) and the alias records of the custom domains.
 */
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { CustomDomain } from './front-door-api.js';

export interface FrontDoorDnsProps {
  domain?: { domainName: string; certificateArn?: string };
  hostedZone?: { zoneId: string; zoneName: string };
  homeserverCdn?: { domainName?: string };
  frontDoorCdn?: { domainName?: string };
}

export class FrontDoorDns extends Construct {
  readonly zone?: route53.IHostedZone;
  /** The API's custom domain with its certificate (given, or made here). */
  readonly apiDomain?: CustomDomain;

  constructor(scope: Construct, id: string, props: FrontDoorDnsProps) {
    super(scope, id);
    if (props.hostedZone) {
      this.zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: props.hostedZone.zoneId,
        zoneName: props.hostedZone.zoneName,
      });
    }
    if (props.domain) {
      const { domainName, certificateArn } = props.domain;
      const certificate = certificateArn
        ? acm.Certificate.fromCertificateArn(this, 'Certificate', certificateArn)
        : new acm.Certificate(this, 'Certificate', { domainName, validation: acm.CertificateValidation.fromDns(this.zone) });
      this.apiDomain = { domainName, certificate };
    }
  }

  /** A and AAAA aliases in the zone for each custom domain the stack serves. */
  addAliases(
    targetsOf: { api?: apigw.DomainName; homeserverCdn?: cloudfront.IDistribution; frontDoorCdn?: cloudfront.IDistribution },
    props: FrontDoorDnsProps,
  ): void {
    if (!this.zone) return;
    const alias = (id: string, name: string, target: route53.IAliasRecordTarget) => {
      for (const [type, Record] of [
        ['A', route53.ARecord],
        ['Aaaa', route53.AaaaRecord],
      ] as const) {
        new Record(this, `${id}${type}`, { zone: this.zone!, recordName: name, target: route53.RecordTarget.fromAlias(target) });
      }
    };
    // With a CDN in front, the custom domain names the CDN; the API keeps its own only without one.
    if (targetsOf.api && props.domain && !targetsOf.frontDoorCdn) {
      alias(
        'Api',
        props.domain.domainName,
        new targets.ApiGatewayv2DomainProperties(targetsOf.api.regionalDomainName, targetsOf.api.regionalHostedZoneId),
      );
    }
    if (targetsOf.homeserverCdn && props.homeserverCdn?.domainName) {
      alias('HomeserverCdn', props.homeserverCdn.domainName, new targets.CloudFrontTarget(targetsOf.homeserverCdn));
    }
    if (targetsOf.frontDoorCdn && props.frontDoorCdn?.domainName) {
      alias('FrontDoorCdn', props.frontDoorCdn.domainName, new targets.CloudFrontTarget(targetsOf.frontDoorCdn));
    }
  }
}
