/**
 * The records part of a tenant in AWS (issue 16): the scheduled sweep function (an EventBridge rule every
 * minute), and the grant that lets the functions that emit sign-up events put them on the tenant's bus.
 * The sweep's other grants (its table items, its secrets) are in front-door-grants.ts with everyone's.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { FrontDoorFunction } from './front-door-function.js';
import type { Placement } from './front-door-network.js';

export const SWEEP_ENTRY = 'functions/entries/sweep.ts';

/** The ARN of the configured bus: `busName` is a name in the stack's account and region, or an ARN. */
export function eventBusArn(scope: Construct, busName: string): string {
  if (busName.startsWith('arn:')) return busName;
  return Stack.of(scope).formatArn({ service: 'events', resource: 'event-bus', resourceName: busName });
}

/** `events:PutEvents` on the tenant's bus only. */
export function grantPutEvents(role: iam.IRole, scope: Construct, config: TenantConfig): void {
  const bus = config.events?.eventBridge;
  if (!bus) return;
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [eventBusArn(scope, bus.busName)] }));
}

export interface FrontDoorSweepProps {
  tenantName: string;
  config: TenantConfig;
  /** The environment every function shares (tenant, config, table) and the secrets' ARNs this one reads. */
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  /** One try per due task, each bounded by the webhook's or the homeserver's timeout (timeouts.ts). */
  timeout: Duration;
  /** In the tenant's network when onboarding makes it call the homeserver. */
  placement?: Placement;
}

export class FrontDoorSweep extends Construct {
  readonly function: FrontDoorFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: FrontDoorSweepProps) {
    super(scope, id);
    const joins = Boolean(props.config.onboarding);
    this.function = new FrontDoorFunction(this, 'Sweep', {
      entry: SWEEP_ENTRY,
      description: `Matrix front door ${props.tenantName}: sweep (retries sign-up events${joins ? ' and room joins; calls the homeserver' : ''}, expires sign-up requests)`,
      environment: props.environment,
      logRetention: props.logRetention,
      timeout: props.timeout,
      ...(props.placement ? { placement: props.placement } : {}),
    });
    this.rule = new events.Rule(this, 'Schedule', {
      description: `Matrix front door ${props.tenantName}: runs the sweep every minute`,
      schedule: events.Schedule.rate(Duration.minutes(1)),
      // A failed sweep is not retried by EventBridge: the next one, a minute later, does the same work.
      targets: [new targets.LambdaFunction(this.function.function, { retryAttempts: 0 })],
    });
  }
}
