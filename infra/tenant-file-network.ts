/**
 * The parts of a tenant file about networks and names: where the homeserver-calling functions run, the
 * CloudFront + WAF option in front of the front door, and the Route 53 zone. Everything is given by id,
 * so synth never looks anything up.
 */
import { z } from 'zod';

export const arn = (service: string, resource: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]*:\\d{12}:${resource}`), `must be an ARN of ${service} ${resource}`);

export const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS name');

const availabilityZone = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'must be an availability zone, e.g. eu-west-1a');
const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'must be an IPv4 CIDR, e.g. 10.0.0.0/16');

/** The tenant's own VPC: subnets with a route to the homeserver (a private address, a peering, a VPN). */
const vpcNetworkSchema = z
  .object({
    mode: z.literal('vpc'),
    vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, 'must be a VPC id (vpc-…)'),
    /** The VPC's CIDR: the interface endpoints admit HTTPS from it. */
    vpcCidr: cidr,
    /** One subnet per availability zone (two or more for availability); private, routed to the homeserver. */
    subnets: z
      .array(
        z
          .object({
            subnetId: z.string().regex(/^subnet-[0-9a-f]{8,17}$/, 'must be a subnet id (subnet-…)'),
            availabilityZone,
            /** The subnet's route table: the DynamoDB gateway endpoint adds its route there. */
            routeTableId: z.string().regex(/^rtb-[0-9a-f]{8,17}$/, 'must be a route table id (rtb-…)'),
          })
          .strict(),
      )
      .min(1)
      .max(6),
    /** Security groups of your own instead of the one the stack makes (egress to the homeserver port and HTTPS only). */
    securityGroupIds: z
      .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, 'must be a security group id (sg-…)'))
      .max(5)
      .optional(),
    /** Where the homeserver listens, for the security group's egress rule; anywhere by default. */
    homeserverCidr: cidr.optional(),
    /**
     * Whether these subnets reach the internet through a NAT of yours. Without it the stack makes the VPC
     * endpoints the functions need (DynamoDB, Secrets Manager, and SES/SNS when the register function sends),
     * and a captcha cannot be verified (its provider is on the internet): synth refuses that combination.
     */
    internetEgress: z.boolean().default(false),
  })
  .strict();

/** A VPC made by the stack, whose NAT gateway gives the functions one fixed egress IP per zone to allow-list. */
const natNetworkSchema = z
  .object({
    mode: z.literal('nat'),
    /** One NAT gateway (and egress IP) per zone; one zone is cheapest, two survive a zone outage. */
    availabilityZones: z.array(availabilityZone).min(1).max(3),
    /** Elastic IPs you allocated, one per zone: the egress IPs then outlive the stack. Otherwise the stack allocates them. */
    eipAllocationIds: z.array(z.string().regex(/^eipalloc-[0-9a-f]{8,17}$/, 'must be an EIP allocation id (eipalloc-…)')).optional(),
    cidr: cidr.default('10.20.0.0/22'),
  })
  .strict()
  .refine((n) => !n.eipAllocationIds || n.eipAllocationIds.length === n.availabilityZones.length, {
    message: 'eipAllocationIds: one per availability zone',
  });

export const networkSchema = z.discriminatedUnion('mode', [vpcNetworkSchema, natNetworkSchema]);

export type VpcNetwork = z.infer<typeof vpcNetworkSchema>;
export type NatNetwork = z.infer<typeof natNetworkSchema>;
export type Network = z.infer<typeof networkSchema>;

/** CloudFront + WAF in front of the front door's API (for a front door reached on its own domain). */
export const frontDoorCdnSchema = z
  .object({
    /** A web ACL of scope CLOUDFRONT (made in us-east-1): the point of the option. */
    webAclArn: arn('wafv2', 'global/webacl/'),
    domainName: hostname.optional(),
    /** In ACM in us-east-1, as CloudFront requires. */
    certificateArn: arn('acm', 'certificate/').optional(),
    priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
    /** The header CloudFront adds and the functions check; its value is generated in the Origin secret. */
    originHeader: z
      .string()
      .regex(/^x-[a-z0-9-]{1,60}$/, 'must be a lower-case header name starting with x-')
      .default('x-front-door-origin'),
  })
  .strict()
  .refine((c) => Boolean(c.domainName) === Boolean(c.certificateArn), 'domainName and certificateArn go together');

export type FrontDoorCdnSettings = z.infer<typeof frontDoorCdnSchema>;

/** A Route 53 public hosted zone, by id and name (no lookup). */
export const hostedZoneSchema = z
  .object({ zoneId: z.string().regex(/^Z[0-9A-Z]{4,32}$/, 'must be a hosted zone id (Z…)'), zoneName: hostname })
  .strict();
