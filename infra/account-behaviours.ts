/**
 * The account paths (password reset, addresses after sign-up) behind either CloudFront option. They carry the
 * user's access token, and CloudFront forwards Authorization only as part of a cache key (an origin request
 * policy may not name it), so these behaviours key on it, with no default TTL: nothing is kept unless an answer
 * says so, and a kept answer could only ever be served to the same token.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { CDN_ACCOUNT_PATHS } from './routes.js';

/** `behaviour` is the front door's own behaviour; each account path gets it with the token as cache key. */
export function accountBehaviours(scope: Construct, behaviour: cloudfront.BehaviorOptions): Record<string, cloudfront.BehaviorOptions> {
  const byToken = new cloudfront.CachePolicy(scope, 'AccountByToken', {
    comment: 'Matrix front door account paths: the access token reaches the front door; nothing cached by default',
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    defaultTtl: Duration.seconds(0),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.seconds(1),
  });
  return Object.fromEntries(CDN_ACCOUNT_PATHS.map((path) => [path, { ...behaviour, cachePolicy: byToken }]));
}
