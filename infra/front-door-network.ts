/**
 * Where the functions that call the homeserver run, so that its admin API need not face the internet: the
 * tenant's own VPC subnets (given by id: synth looks nothing up), or a VPC made here whose NAT gateway gives
 * them a fixed egress IP to allow-list. Lambda in a VPC reaches AWS through the same network, so the VPC
 * gets a DynamoDB gateway endpoint (free) and, without a NAT, an interface endpoint for every other AWS
 * service the roles of the functions inside may call (read from their policies: nothing to keep in step).
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { NatNetwork, Network, VpcNetwork } from './tenant-file-network.js';

export interface FrontDoorNetworkProps {
  network: Network;
  /** The homeserver's URL: the security group lets the functions reach its port and nothing else but HTTPS. */
  homeserverUrl: string;
  logRetention: logs.RetentionDays;
}

/** What a function needs to run inside: the VPC, its subnets and security groups. */
export interface Placement {
  vpc: ec2.IVpc;
  vpcSubnets: ec2.SubnetSelection;
  securityGroups: ec2.ISecurityGroup[];
}

/**
 * The interface endpoint for each service a function's role may call. DynamoDB has the gateway; `logs` and
 * `ec2` are called by the Lambda service on the function's behalf (its log stream, its network interfaces).
 */
const ENDPOINTS: Record<string, [string, ec2.InterfaceVpcEndpointAwsService] | 'none'> = {
  dynamodb: 'none',
  logs: 'none',
  ec2: 'none',
  // GetSecretValue goes without the SDK's client, to the same regional name (get-secret-value.ts): private DNS brings it here.
  secretsmanager: ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
  ses: ['Ses', ec2.InterfaceVpcEndpointAwsService.EMAIL],
  sns: ['Sns', ec2.InterfaceVpcEndpointAwsService.SNS],
  lambda: ['Lambda', ec2.InterfaceVpcEndpointAwsService.LAMBDA],
  events: ['Events', ec2.InterfaceVpcEndpointAwsService.EVENTBRIDGE],
};

export class FrontDoorNetwork extends Construct {
  readonly placement: Placement;
  /** The NAT gateways' public IPs (mode "nat"), for the homeserver's allow-list. */
  readonly egressIps: string[] = [];
  /** Set when the functions inside reach AWS through interface endpoints (the tenant's subnets without a NAT). */
  private endpointSubnets?: { vpc: ec2.IVpc; subnets: ec2.SubnetSelection; cidr: string };

  constructor(scope: Construct, id: string, props: FrontDoorNetworkProps) {
    super(scope, id);
    this.placement = props.network.mode === 'vpc' ? this.tenantVpc(props.network, props) : this.natVpc(props.network, props);
  }

  /** The tenant's subnets; endpoints unless they already reach the internet through the tenant's NAT. */
  private tenantVpc(network: VpcNetwork, props: FrontDoorNetworkProps): Placement {
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: network.vpcId,
      vpcCidrBlock: network.vpcCidr,
      availabilityZones: network.subnets.map((s) => s.availabilityZone),
      privateSubnetIds: network.subnets.map((s) => s.subnetId),
      privateSubnetRouteTableIds: network.subnets.map((s) => s.routeTableId),
    });
    const subnets = network.subnets.map((s, i) => ec2.Subnet.fromSubnetAttributes(this, `Subnet${i}`, s));
    const vpcSubnets = { subnets };
    const securityGroups = network.securityGroupIds
      ? network.securityGroupIds.map((sg, i) => ec2.SecurityGroup.fromSecurityGroupId(this, `Given${i}`, sg, { mutable: false }))
      : [this.functionSecurityGroup(vpc, props.homeserverUrl, network.homeserverCidr)];
    vpc.addGatewayEndpoint('DynamoDb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB, subnets: [vpcSubnets] });
    if (!network.internetEgress) this.endpointSubnets = { vpc, subnets: vpcSubnets, cidr: network.vpcCidr };
    return { vpc, vpcSubnets, securityGroups };
  }

  /** A small VPC of its own: public subnets for the NAT gateways, private ones for the functions. */
  private natVpc(network: NatNetwork, props: FrontDoorNetworkProps): Placement {
    const natGatewayProvider = ec2.NatProvider.gateway(network.eipAllocationIds ? { eipAllocationIds: network.eipAllocationIds } : {});
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(network.cidr),
      availabilityZones: network.availabilityZones,
      natGateways: network.availabilityZones.length,
      natGatewayProvider,
      subnetConfiguration: [
        { name: 'Nat', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 27 },
        { name: 'Functions', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 26 },
      ],
      gatewayEndpoints: { DynamoDb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } },
      restrictDefaultSecurityGroup: false,
    });
    vpc.addFlowLog('FlowLogs', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogGroup', { retention: props.logRetention })),
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
    for (const [i, gateway] of natGatewayProvider.configuredGateways.entries()) {
      const eip = network.eipAllocationIds ? undefined : vpc.publicSubnets[i]?.node.tryFindChild('EIP');
      if (eip) this.egressIps.push((eip as ec2.CfnEIP).attrPublicIp);
      else this.egressIps.push(`(${network.eipAllocationIds?.[i] ?? gateway.gatewayId})`);
    }
    const securityGroups = [this.functionSecurityGroup(vpc, props.homeserverUrl)];
    return { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroups };
  }

  /** Egress to the homeserver's port and to HTTPS only (AWS APIs, the captcha provider); no ingress at all. */
  private functionSecurityGroup(vpc: ec2.IVpc, homeserverUrl: string, homeserverCidr?: string): ec2.SecurityGroup {
    const url = new URL(homeserverUrl);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const group = new ec2.SecurityGroup(this, 'Functions', {
      vpc,
      description: 'Matrix front door functions that call the homeserver: egress to it and to HTTPS only',
      allowAllOutbound: false,
    });
    const homeserver = homeserverCidr ? ec2.Peer.ipv4(homeserverCidr) : ec2.Peer.anyIpv4();
    group.addEgressRule(homeserver, ec2.Port.tcp(port), 'the homeserver');
    if (port !== 443 || homeserverCidr) group.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS: AWS APIs and endpoints');
    return group;
  }

  /**
   * Without a NAT: an interface endpoint for each AWS service the roles of the functions inside may call
   * (called once every grant is made). A service with no endpoint known here stops the synth.
   */
  coverCalls(inside: readonly { name: string; role: iam.Role }[]): void {
    const target = this.endpointSubnets;
    if (!target) return;
    const services = new Map<string, ec2.InterfaceVpcEndpointAwsService>();
    for (const { name, role } of inside) {
      for (const service of servicesOf(role)) {
        const endpoint = ENDPOINTS[service];
        if (!endpoint)
          throw new Error(`the ${name} function runs in the tenant network and may call ${service}, for which no VPC endpoint is known`);
        if (endpoint !== 'none') services.set(endpoint[0], endpoint[1]);
      }
    }
    if (services.size === 0) return;
    const group = new ec2.SecurityGroup(this, 'Endpoints', {
      vpc: target.vpc,
      description: 'Matrix front door VPC endpoints: HTTPS from the VPC',
      allowAllOutbound: false,
    });
    group.addIngressRule(ec2.Peer.ipv4(target.cidr), ec2.Port.tcp(443), 'HTTPS from the functions');
    for (const [name, service] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
      target.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: target.subnets,
        securityGroups: [group],
        open: false,
        privateDnsEnabled: true,
      });
    }
  }
}

/** The services a role's inline policy names in its actions (`ses:SendEmail` → `ses`). */
function servicesOf(role: iam.Role): Set<string> {
  const policy = role.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
  const document = policy ? (Stack.of(role).resolve(policy.document.toJSON()) as { Statement?: { Action: string | string[] }[] }) : {};
  const actions = (document.Statement ?? []).flatMap((statement) => [statement.Action].flat());
  return new Set(actions.map((action) => action.split(':')[0]!.toLowerCase()));
}
