/** One front-door Lambda with the defaults every function shares: runtime, bundling, its own role and log group. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Placement } from './front-door-network.js';
import { BUNDLE_ALIASES } from './bundle-aliases.js';

/** The repository root: entries, the lockfile and the local esbuild are found from here. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

// ESM bundles have no `require`; a CommonJS dependency that calls it gets one from this banner.
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export { CREDENTIAL_CHAIN, ENV_CREDENTIALS } from './bundle-aliases.js';

export const BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  banner: REQUIRE_BANNER,
  // The SDK is bundled so that what runs is the version the tests ran, not whatever the runtime ships.
  bundleAwsSDK: true,
  // SDK modules that are dead weight in a Lambda, replaced by small ones of ours (infra/bundle-aliases.ts): the
  // default credential chain (Lambda gives credentials in the environment), the event-stream serde (nothing streams),
  // the default HTTP handler (every client is given ours), DynamoDB's endpoint-discovery cache, the invoke store
  // and the pure-JS SHA-256.
  esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
  forceDockerBundling: false,
  // The shipped disposable-domain list travels beside the bundle, where functions/gating/email-domains.ts looks.
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => [`cp "${inputDir}/data/disposable-domains.txt" "${outputDir}/disposable-domains.txt"`],
  },
};

/** The EC2 actions Lambda performs with the function's role to attach it to its subnets. */
export const VPC_ACCESS_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

export interface FrontDoorFunctionProps {
  /** The entry file, relative to the repository root. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  timeout: Duration;
  /** In the tenant's network (the functions that call the homeserver, when the tenant has a network section). */
  placement?: Placement;
}

export class FrontDoorFunction extends Construct {
  readonly function: NodejsFunction;
  /** The function's own role: it starts with nothing but writing its own logs. */
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: FrontDoorFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    // Not AWSLambdaBasicExecutionRole: that may write to every log group in the account.
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: resolve(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      // No NODE_OPTIONS=--enable-source-maps: it costs every cold start 5–16 ms; the map still ships for reading traces.
      environment: props.environment,
      bundling: BUNDLING,
      ...(props.placement ?? {}),
    });
    if (props.placement) {
      // What AWSLambdaVPCAccessExecutionRole grants, inline (CDK attaches nothing to a role it is given):
      // Lambda makes the function's network interfaces in the subnets with the function's role.
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: VPC_ACCESS_ACTIONS,
          resources: ['*'],
        }),
      );
      Validations.of(this.role.node.findChild('DefaultPolicy')).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'The network interface actions Lambda needs for a function in a VPC (as in AWSLambdaVPCAccessExecutionRole): the Describe actions take no resource, and the interfaces do not exist before Lambda makes them.',
      });
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x on purpose: the code is tested on Node 20 locally and must run on both, and 22 is the newest runtime whose features it may use. Move to the next LTS runtime together with the local toolchain.',
    });
  }
}
