/** The app as `cdk synth` builds it from cdk.json, synthesised once per test file into a fixed directory. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { buildTenantApp } from '../../infra/tenant-app.js';
import { PROJECT_ROOT, type FrontDoorFunction } from '../../infra/front-door-function.js';
import type { TenantStack } from '../../infra/tenant-stack.js';

/** One outdir for every app in a test process: CDK then reuses a bundle across apps instead of rebuilding it. */
export const TEST_OUTDIR = resolve(PROJECT_ROOT, 'cdk.out', 'test');

export const cdkContext = () => JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'cdk.json'), 'utf8')).context as Record<string, unknown>;

export interface SynthesisedTenant {
  stack: TenantStack;
  template: Template;
}

let synthesised: Map<string, SynthesisedTenant> | undefined;

/** Every tenant in cdk.json, by name (cdk-nag runs as in `cdk synth`, and synthesis throws on any finding). */
export function exampleTenants(): Map<string, SynthesisedTenant> {
  if (!synthesised) {
    const { app, stacks } = buildTenantApp({ baseDir: PROJECT_ROOT, outdir: TEST_OUTDIR, context: cdkContext() });
    app.synth();
    synthesised = new Map(stacks.map((stack) => [tenantOf(stack), { stack, template: Template.fromStack(stack) }]));
  }
  return synthesised;
}

const tenantOf = (stack: TenantStack) => stack.stackName.replace(/^MatrixFrontDoor-/, '');

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: Record<string, unknown>;
}

/** Every statement of the inline policies on a front-door function's role. */
export function statementsOf(tenant: SynthesisedTenant, fn: string): Statement[] {
  const frontDoorFunction = (tenant.stack.frontDoor.functions as Record<string, FrontDoorFunction | undefined>)[fn];
  if (!frontDoorFunction) throw new Error(`no ${fn} function`);
  const roleId = tenant.stack.getLogicalId(frontDoorFunction.role.node.defaultChild as CfnRole);
  const policies = Object.values(tenant.template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } };
  }[];
  return policies
    .filter((p) => p.Properties.Roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

export const actionsOf = (statement: Statement) => [statement.Action].flat();

/** The logical id of a construct's CloudFormation resource. */
export const logicalId = (tenant: SynthesisedTenant, cfn: CfnElement) => tenant.stack.getLogicalId(cfn);
