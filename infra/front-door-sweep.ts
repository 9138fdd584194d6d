/**
 * The records part of a tenant in AWS (issue 16): the scheduled sweep function (an EventBridge rule every
 * minute), and the grants that let the functions that emit sign-up events put them on the tenant's bus.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { FrontDoorFunction } from './front-door-function.js';

export const SWEEP_ENTRY = 'functions/entries/sweep.ts';

/**
 * The table actions the front door's code makes (every adapter in functions/adapters/dynamodb uses only
 * these; a transaction needs the action of each item it holds).
 */
export const TABLE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

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
  tableArn: string;
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
      // One try per due task, each bounded by the webhook's or the homeserver's timeout; the next sweep is a minute away.
      timeout: Duration.seconds(60),
    });
    this.function.role.addToPolicy(new iam.PolicyStatement({ actions: [...TABLE_ITEM_ACTIONS], resources: [props.tableArn] }));
    grantPutEvents(this.function.role, this, props.config);
    this.rule = new events.Rule(this, 'Schedule', {
      description: `Matrix front door ${props.tenantName}: runs the sweep every minute`,
      schedule: events.Schedule.rate(Duration.minutes(1)),
      // A failed sweep is not retried by EventBridge: the next one, a minute later, does the same work.
      targets: [new targets.LambdaFunction(this.function.function, { retryAttempts: 0 })],
    });
  }
}
