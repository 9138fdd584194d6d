/**
 * Where the functions that call the homeserver run, so that its admin API need not face the internet: the
 * tenant's own VPC subnets (given by id: synth looks nothing up), or a VPC made here whose NAT gateway gives
 * them a fixed egress IP to allow-list. Lambda in a VPC reaches AWS through the same network, so the VPC
 * gets a DynamoDB gateway endpoint (free) and, without a NAT, interface endpoints for what those functions call.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { NatNetwork, Network, VpcNetwork } from './tenant-file-network.js';

export interface FrontDoorNetworkProps {
  network: Network;
  /** The homeserver's URL: the security group lets the functions reach its port and nothing else but HTTPS. */
  homeserverUrl: string;
  /** Whether a function inside sends mail or SMS (the register function with the sign-up page, the admin function deciding). */
  sendsMail: boolean;
  sendsSms: boolean;
  /** Whether a function inside puts sign-up events on an EventBridge bus (`events.eventBridge`). */
  putsEvents: boolean;
  logRetention: logs.RetentionDays;
}

/** What a function needs to run inside: the VPC, its subnets and security groups. */
export interface Placement {
  vpc: ec2.IVpc;
  vpcSubnets: ec2.SubnetSelection;
  securityGroups: ec2.ISecurityGroup[];
}

export class FrontDoorNetwork extends Construct {
  readonly placement: Placement;
  /** The NAT gateways' public IPs (mode "nat"), for the homeserver's allow-list. */
  readonly egressIps: string[] = [];

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
    if (!network.internetEgress) this.interfaceEndpoints(vpc, vpcSubnets, network.vpcCidr, props);
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

  /** Without a NAT: Secrets Manager always; SES and SNS only when a function inside sends; EventBridge when it emits events. */
  private interfaceEndpoints(vpc: ec2.IVpc, subnets: ec2.SubnetSelection, vpcCidr: string, props: FrontDoorNetworkProps): void {
    const group = new ec2.SecurityGroup(this, 'Endpoints', {
      vpc,
      description: 'Matrix front door VPC endpoints: HTTPS from the VPC',
      allowAllOutbound: false,
    });
    group.addIngressRule(ec2.Peer.ipv4(vpcCidr), ec2.Port.tcp(443), 'HTTPS from the functions');
    const services: [string, ec2.InterfaceVpcEndpointAwsService][] = [
      ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
    ];
    if (props.sendsMail) services.push(['Ses', ec2.InterfaceVpcEndpointAwsService.EMAIL]);
    if (props.sendsSms) services.push(['Sns', ec2.InterfaceVpcEndpointAwsService.SNS]);
    if (props.putsEvents) services.push(['Events', ec2.InterfaceVpcEndpointAwsService.EVENTBRIDGE]);
    for (const [name, service] of services) {
      vpc.addInterfaceEndpoint(name, { service, subnets, securityGroups: [group], open: false, privateDnsEnabled: true });
    }
  }
}
