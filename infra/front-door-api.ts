/** The tenant's HTTP API: the Matrix routes to their functions, JSON access logs, throttling, an optional domain. */
import { type CfnElement, Names, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ADMIN_PREFIX, frontDoorRoutes, UNROUTED_PART } from '../functions/http/route-table.js';
import type { FunctionName } from './routes.js';

export interface CustomDomain {
  domainName: string;
  /** An ACM certificate in the stack's region that covers `domainName`. */
  certificate: acm.ICertificate;
}

export interface FrontDoorApiProps {
  tenantName: string;
  /** The function that serves a route's function name. */
  functionFor: (name: FunctionName) => lambda.IFunction;
  logRetention: logs.RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
  domain?: CustomDomain;
  /** Refuse the execute-api URL, so every client comes through the custom domain. */
  disableExecuteApiEndpoint: boolean;
  /** The hosted sign-up page's path (config `pages.path`), when the tenant has one. */
  pagesPath?: string;
  /** The hosted "Forgot password" page's path (config `recovery.pagePath`), when the tenant has pages and recovery. */
  resetPagePath?: string;
  /** `iam`: the operator routes need a SigV4 signature allowed by `operatorPolicy`, and the function still checks the key. */
  operatorAuth: 'key' | 'iam';
}

// HTTP API $context variables (not the REST API ones): one JSON object per request.
const accessLogFormat = (tenant: string) =>
  AccessLogFormat.custom(
    JSON.stringify({
      // A constant, so the 429 metric filter can name the tenant as its dimension.
      tenant,
      requestId: '$context.requestId',
      time: '$context.requestTime',
      ip: '$context.identity.sourceIp',
      method: '$context.httpMethod',
      route: '$context.routeKey',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      userAgent: '$context.identity.userAgent',
    }),
  );

export class FrontDoorApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly domainName?: apigw.DomainName;
  readonly accessLogs: logs.LogGroup;
  /** With `operatorAuth: iam`: attach it to the operators' IAM principals. */
  readonly operatorPolicy?: iam.ManagedPolicy;
  private readonly operatorAuth: 'key' | 'iam';

  constructor(scope: Construct, id: string, props: FrontDoorApiProps) {
    super(scope, id);
    this.operatorAuth = props.operatorAuth;
    this.api = new apigw.HttpApi(this, 'Api', {
      description: `Matrix registration front door for tenant "${props.tenantName}"`,
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
    });
    if (props.domain) {
      this.domainName = new apigw.DomainName(this, 'Domain', {
        domainName: props.domain.domainName,
        certificate: props.domain.certificate,
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
    }
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.accessLogs = accessLogs;
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: accessLogFormat(props.tenantName) },
      ...(this.domainName ? { domainMapping: { domainName: this.domainName } } : {}),
    });
    this.addRoutes(props.functionFor, props.pagesPath, props.resetPagePath);
    if (props.operatorAuth === 'iam') this.operatorPolicy = this.makeOperatorPolicy(props.tenantName);
  }

  /** What an operator's IAM user or role needs to call the operator API (and nothing else of this API). */
  private makeOperatorPolicy(tenantName: string): iam.ManagedPolicy {
    const policy = new iam.ManagedPolicy(this, 'OperatorPolicy', {
      description: `Matrix front door "${tenantName}": call the operator API (SigV4); the operator key is still required`,
      statements: [
        new iam.PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: [Stack.of(this).formatArn({ service: 'execute-api', resource: this.api.apiId, resourceName: `*/*${ADMIN_PREFIX}/*` })],
        }),
      ],
    });
    // cdk-nag names the finding by the resource as it renders it: tokens as <AWS::…> and <logical id>.
    const stack = Stack.of(this);
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const apiId = stack.getLogicalId(this.api.node.defaultChild as CfnElement);
    const resource = `arn:${shown(stack.partition, 'Partition')}:execute-api:${shown(stack.region, 'Region')}:${shown(stack.account, 'AccountId')}:<${apiId}>/*/*${ADMIN_PREFIX}/*`;
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
      reason:
        'The wildcards are the stage, the method and the path under the operator prefix of this one API: exactly the operator routes.',
    });
    return policy;
  }

  private addRoutes(functionFor: (name: FunctionName) => lambda.IFunction, pagesPath?: string, resetPagePath?: string): void {
    const integrations = new Map<lambda.IFunction, HttpLambdaIntegration>();
    const integration = (fn: lambda.IFunction) => {
      if (!integrations.has(fn)) integrations.set(fn, new HttpLambdaIntegration(`${Names.nodeUniqueId(fn.node)}-integration`, fn));
      return integrations.get(fn)!;
    };
    // Whatever no route names still gets a Matrix error (M_UNRECOGNIZED) rather than API Gateway's own 404.
    const fallback = new apigw.HttpRoute(this, 'Unrouted', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: integration(functionFor(UNROUTED_PART)),
    });
    Validations.of(fallback).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The catch-all route only answers M_UNRECOGNIZED from the table-only function; it serves nothing to authenticate.',
    });
    const iamAuthorizer = this.operatorAuth === 'iam' ? new HttpIamAuthorizer() : undefined;
    for (const route of frontDoorRoutes(pagesPath, resetPagePath)) {
      const [added] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integration(functionFor(route.fn)),
        ...(route.operator && iamAuthorizer ? { authorizer: iamAuthorizer } : {}),
      });
      if (route.operator && iamAuthorizer) continue;
      Validations.of(added!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: route.operator
          ? 'The operator API authenticates in its function with the operator key from Secrets Manager (constant-time compare), which only that function may read; no API Gateway authoriser can check it without holding the key too.'
          : 'A Matrix client registering has no credentials yet: the client-server API leaves these routes unauthenticated, and the front door authenticates each step through User-Interactive Auth.',
      });
    }
  }
}
