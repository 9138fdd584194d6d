/**
 * The funnel counter: the tenant table's stream feeds a small function through filters that let through only
 * registration session items stored or changed (sign-ups started, stages passed, accounts made), sessions the
 * first call took back, and sessions the TTL deleted unfinished (abandoned), so it is invoked for nothing else.
 * It may read the stream and raise the counters with their marks (infra/table-access.ts), nothing more: no
 * secret, no network.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  SESSION_PARTITION_PREFIX,
  SESSION_SORT_KEY,
  TTL_PRINCIPAL,
  UNFINISHED_STATES,
} from '../functions/adapters/dynamodb/abandoned-sessions.js';
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { FrontDoorFunction } from './front-door-function.js';
import { grantTableAccess } from './table-access.js';

export const FUNNEL_ENTRY = 'functions/entries/funnel.ts';

/** A registration session item's keys (not a mark, a hold or anything else). */
const SESSION_KEYS = {
  pk: { S: lambda.FilterRule.beginsWith(SESSION_PARTITION_PREFIX) },
  sk: { S: lambda.FilterRule.isEqual(SESSION_SORT_KEY) },
};

/** The stream filter: a REMOVE by the TTL service of a session item whose last state was unfinished. */
export const ABANDONED_FILTER = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.isEqual('REMOVE'),
  userIdentity: { type: lambda.FilterRule.isEqual('Service'), principalId: lambda.FilterRule.isEqual(TTL_PRINCIPAL) },
  dynamodb: {
    Keys: SESSION_KEYS,
    OldImage: { status: { S: lambda.FilterRule.or(...UNFINISHED_STATES) } },
  },
});

/** A session item stored or changed: started, a stage passed, the account made (the code compares the images). */
export const SESSION_CHANGE_FILTER = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
  dynamodb: { Keys: SESSION_KEYS },
});

/**
 * An open session deleted: by the first call whose name the homeserver refused (its start is taken back), or by
 * the TTL (the abandoned filter lets those through too; Lambda delivers a record once whatever filters match).
 */
export const SESSION_TAKEN_BACK_FILTER = lambda.FilterCriteria.filter({
  eventName: lambda.FilterRule.isEqual('REMOVE'),
  dynamodb: { Keys: SESSION_KEYS, OldImage: { status: { S: lambda.FilterRule.isEqual('open') } } },
});

export interface FunnelCounterProps {
  tenantName: string;
  config: TenantConfig;
  table: dynamodb.Table;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  timeout: Duration;
}

export class FunnelCounter extends Construct {
  readonly function: FrontDoorFunction;

  constructor(scope: Construct, id: string, props: FunnelCounterProps) {
    super(scope, id);
    this.function = new FrontDoorFunction(this, 'Counter', {
      entry: FUNNEL_ENTRY,
      description: `Matrix front door ${props.tenantName}: counts the sign-up funnel from the table's stream`,
      environment: props.environment,
      logRetention: props.logRetention,
      timeout: props.timeout,
    });
    grantTableAccess(props.table, this.function.role, 'funnel', props.config);
    // Grants the stream's read actions to the role (and nothing on the table's items).
    this.function.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(30),
        // Lambda ORs the filters (up to 5).
        filters: [ABANDONED_FILTER, SESSION_CHANGE_FILTER, SESSION_TAKEN_BACK_FILTER],
        reportBatchItemFailures: true,
        // A count that keeps failing is given up after a few tries rather than holding up its shard.
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
      }),
    );
    Validations.of(this.function.role.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        "dynamodb:ListStreams takes no resource (the event source mapping's stream read); the other stream actions name the table's stream.",
    });
  }
}
