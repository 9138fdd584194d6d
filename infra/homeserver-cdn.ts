/** Optional CloudFront in front of the homeserver: one base URL, with only the registration paths sent to the front door. */
import { Duration, Fn, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { accountBehaviours } from './account-behaviours.js';
import { SIGNUP_COOKIE } from '../functions/http/signup-state.js';
import { RESET_COOKIE } from '../functions/http/forgot-password-state.js';
import { CDN_FRONT_DOOR_PATHS } from './routes.js';

/** What the front door reads of a viewer's request, API and page alike (never Host: API Gateway routes on it). */
const FRONT_DOOR_HEADERS = ['Content-Type', 'Origin', 'Accept-Language', 'User-Agent', 'CloudFront-Viewer-Address'];

export interface HomeserverCdnProps {
  /** The homeserver's https URL as CloudFront reaches it. */
  homeserverUrl: string;
  /** The front door's API endpoint (`https://{id}.execute-api.{region}.amazonaws.com`). */
  frontDoorEndpoint: string;
  /** The hosted sign-up page's path, when the tenant serves it: the page and its assets go to the front door too. */
  pagesPath?: string;
  /** The account paths (password reset, addresses after sign-up) go to the front door: the tenant has `recovery`. */
  account?: { resetPagePath?: string };
  domainName?: string;
  /** An ACM certificate in us-east-1 covering `domainName`. */
  certificateArn?: string;
  webAclArn?: string;
  priceClass: cloudfront.PriceClass;
  /** CloudFront's wait for the homeserver's answer: above /sync's 30 s long poll (60 without a quota increase). */
  originReadTimeoutSeconds: number;
  originKeepaliveSeconds: number;
}

export class HomeserverCdn extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: HomeserverCdnProps) {
    super(scope, id);
    const homeserverUrl = new URL(props.homeserverUrl);
    const tls = { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2] };
    const homeserver = new HttpOrigin(homeserverUrl.hostname, {
      ...tls,
      // /sync holds the request for up to 30 s (the client's timeout) before it answers: the default 30 s
      // read timeout would cut idle syncs off with a 504.
      readTimeout: Duration.seconds(props.originReadTimeoutSeconds),
      keepaliveTimeout: Duration.seconds(props.originKeepaliveSeconds),
      ...(homeserverUrl.port ? { httpsPort: Number(homeserverUrl.port) } : {}),
    });
    const frontDoor = new HttpOrigin(Fn.select(2, Fn.split('/', props.frontDoorEndpoint)), tls);
    // Nothing here may be cached: every answer is for one client. The front door gets what it reads and the
    // viewer's address (API Gateway would otherwise see CloudFront's); never Host, which API Gateway routes on.
    // Nor Authorization: registering clients hold no token (and CloudFront forwards it only through a cache key).
    const frontDoorRequests = new cloudfront.OriginRequestPolicy(this, 'FrontDoorRequests', {
      comment: 'Matrix front door: the headers the registration API reads, and the viewer address',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(
        ...FRONT_DOOR_HEADERS,
        'Access-Control-Request-Method',
        'Access-Control-Request-Headers',
      ),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });
    const behaviour = (origin: HttpOrigin, originRequestPolicy: cloudfront.IOriginRequestPolicy): cloudfront.BehaviorOptions => ({
      origin,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      compress: true,
    });
    const toFrontDoor = behaviour(frontDoor, frontDoorRequests);
    const pageBehaviours = {
      ...(props.pagesPath ? this.pageBehaviours('SignupPageRequests', props.pagesPath, SIGNUP_COOKIE, frontDoor, behaviour) : {}),
      ...(props.account?.resetPagePath
        ? this.pageBehaviours('ResetPageRequests', props.account.resetPagePath, RESET_COOKIE, frontDoor, behaviour)
        : {}),
    };
    const account = props.account ? accountBehaviours(this, toFrontDoor) : {};
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Matrix homeserver ${homeserverUrl.hostname} with the registration front door`,
      defaultBehavior: behaviour(homeserver, cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER),
      additionalBehaviors: {
        ...Object.fromEntries(CDN_FRONT_DOOR_PATHS.map((path) => [path, toFrontDoor])),
        ...account,
        ...pageBehaviours,
      },
      priceClass: props.priceClass,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      ...(props.domainName && props.certificateArn
        ? { domainNames: [props.domainName], certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.acknowledge(props);
  }

  /**
   * A hosted page (sign-up, forgot password) keeps its state in one cookie, which must reach the front door
   * (the API paths forward none); its static files have content-hashed names and are cached like any
   * immutable asset.
   */
  private pageBehaviours(
    id: string,
    path: string,
    cookie: string,
    frontDoor: HttpOrigin,
    behaviour: (origin: HttpOrigin, policy: cloudfront.IOriginRequestPolicy) => cloudfront.BehaviorOptions,
  ): Record<string, cloudfront.BehaviorOptions> {
    const pageRequests = new cloudfront.OriginRequestPolicy(this, id, {
      comment: `Matrix front door page ${path}: the form, the language, the viewer address and the page cookie`,
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...FRONT_DOOR_HEADERS),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.allowList(cookie),
    });
    const page = behaviour(frontDoor, pageRequests);
    const assets: cloudfront.BehaviorOptions = {
      ...behaviour(frontDoor, cloudfront.OriginRequestPolicy.CORS_CUSTOM_ORIGIN),
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
    };
    return { [`${path}/static/*`]: assets, [path]: page, [`${path}/*`]: page };
  }

  private acknowledge(props: HomeserverCdnProps): void {
    const ack = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    ack('AwsSolutions-CFR1', 'Matrix is federated and open to clients everywhere: the homeserver, not the CDN, decides who may register.');
    ack(
      'AwsSolutions-CFR3',
      'Nothing is cached: the homeserver and the front door (API Gateway access logs) each log every request they answer.',
    );
    if (!props.webAclArn) {
      ack(
        'AwsSolutions-CFR2',
        'WAF is optional per tenant (deployment.homeserverCdn.webAclArn); the front door throttles at API Gateway and rate-limits in UIA.',
      );
    }
    if (!props.certificateArn) {
      ack(
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its own certificate, whose minimum protocol it fixes; set domainName and certificateArn to require TLS 1.2.',
      );
    }
  }
}
