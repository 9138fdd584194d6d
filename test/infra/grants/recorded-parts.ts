/**
 * The front door split into its Lambda parts as functions/entries/*.ts build them, each on a table client
 * of its own with the recorder on it (what one function asks of the table is what its role must allow),
 * and one router that sends each request to the part the route table names, as API Gateway would.
 */
import { Hono } from 'hono';
import { buildFunnelCounter } from '../../../functions/compose/funnel-counter.js';
import {
  buildAccountApi,
  buildAdminApi,
  buildChecksApi,
  buildHomeserver,
  buildMeterApi,
  buildPagesApi,
  buildRegisterApi,
  buildRequestTokenApi,
  homeserverFit,
} from '../../../functions/compose/build.js';
import { buildSweep, type SweepReport } from '../../../functions/compose/sweep.js';
import type { TenantSecrets } from '../../../functions/compose/tenant-secrets.js';
import type { TenantConfig } from '../../../functions/config/tenant-config.js';
import { dynamoClient } from '../../../functions/entries/cold-start.js';
import { tenantMailer, tenantSmsSender } from '../../../functions/entries/senders.js';
import { type FrontDoorRoute, frontDoorRoutes, UNROUTED_PART } from '../../../functions/http/route-table.js';
import { jsonLogger } from '../../../functions/model/log.js';
import type { Clock } from '../../../functions/ports/index.js';
import { signupsMayWait } from '../../../functions/policy/approval-settings.js';
import { isMobileNumber } from '../../../functions/threepid/mobile-number.js';
import type { TableUser } from '../../../infra/table-access.js';
import { type RecordedCall, recordTableCalls } from './table-recorder.js';

export interface RecordedParts {
  /** Every request goes to the part its route names. */
  router: Hono;
  sweep: () => Promise<SweepReport>;
  /** The stream consumer that counts the funnel (entries/funnel.ts), given the records Lambda would. */
  funnel: ReturnType<typeof buildFunnelCounter>;
  /** What each part asked of the table (the lookup has no table client: its list stays empty). */
  calls: Record<TableUser, RecordedCall[]>;
  /** The route-table routes requests were sent to, as `METHOD path`. */
  routesHit: Set<string>;
  routes: readonly FrontDoorRoute[];
}

export interface PartsSetting {
  config: TenantConfig;
  secrets: TenantSecrets;
  clock: Clock;
  operatorKey: string;
}

/** A table client of the part's own, recorded: as in a Lambda, `dynamoClient()` reads the endpoint from the environment. */
function recordedClient(calls: Record<TableUser, RecordedCall[]>, part: TableUser) {
  const dynamo = dynamoClient();
  calls[part] = recordTableCalls(dynamo);
  return dynamo;
}

export async function buildRecordedParts({ config: tenant, secrets, clock, operatorKey }: PartsSetting): Promise<RecordedParts> {
  const calls = { lookup: [] } as unknown as Record<TableUser, RecordedCall[]>;
  const log = jsonLogger(() => {});
  const common = { clock, log };
  // register, pages and lookup probe the homeserver at their cold start (entries/register.ts, pages.ts, lookup.ts); account does not.
  const { config, capabilities } = await homeserverFit(tenant, secrets, log);
  // The lookup part: the homeserver alone, no table (entries/lookup.ts); the senders ask it.
  const lookup = buildHomeserver(tenant, secrets);
  const mailer = tenantMailer(tenant, process.env);
  const sms = tenantSmsSender(tenant);
  const parts: Record<Exclude<TableUser, 'lookup' | 'sweep' | 'funnel'>, Hono> = {
    register: buildRegisterApi(
      {
        ...common,
        config,
        secrets,
        // No mailer, as entries/register.ts: the operators' notices wait in the outbox for the sweep.
        dynamo: recordedClient(calls, 'register'),
      },
      buildHomeserver(tenant, secrets),
    ),
    // entries/account.ts: no probe (neither route's answer depends on the flows), so the tenant's config as given.
    account: buildAccountApi(
      { ...common, config: tenant, secrets, dynamo: recordedClient(calls, 'account') },
      buildHomeserver(tenant, secrets),
    ),
    pages: buildPagesApi(
      {
        ...common,
        config,
        secrets,
        capabilities,
        dynamo: recordedClient(calls, 'pages'),
        ...(mailer ? { mailer } : {}),
        ...(sms ? { sms } : {}),
      },
      buildHomeserver(tenant, secrets),
    ),
    email: buildRequestTokenApi({
      ...common,
      config: tenant,
      encryptionKey: secrets.encryptionKey,
      lookup,
      capabilities,
      dynamo: recordedClient(calls, 'email'),
      ...(mailer ? { mailer } : {}),
    }),
    sms: buildRequestTokenApi({
      ...common,
      config: tenant,
      encryptionKey: secrets.encryptionKey,
      lookup,
      capabilities,
      dynamo: recordedClient(calls, 'sms'),
      isMobile: isMobileNumber,
      ...(sms ? { sms } : {}),
    }),
    checks: buildChecksApi({ ...common, config: tenant, encryptionKey: secrets.encryptionKey, dynamo: recordedClient(calls, 'checks') }),
    meter: buildMeterApi({ ...common, config: tenant, encryptionKey: secrets.encryptionKey, dynamo: recordedClient(calls, 'meter') }),
    admin: buildAdminApi({
      ...common,
      config: tenant,
      operatorKey,
      encryptionKey: secrets.encryptionKey,
      eventsWebhookSecret: secrets.eventsWebhookSecret,
      dynamo: recordedClient(calls, 'admin'),
      ...(signupsMayWait(tenant) ? { approvals: { secrets, ...(mailer ? { mailer } : {}), ...(sms ? { sms } : {}) } } : {}),
    }),
  };
  // entries/sweep.ts: the homeserver credential only with onboarding; otherwise the webhook secret and the key.
  const sweep = buildSweep({
    ...common,
    config: tenant,
    dynamo: recordedClient(calls, 'sweep'),
    ...(tenant.approval?.operatorEmails.length && mailer ? { mailer } : {}),
    secrets: tenant.onboarding
      ? secrets
      : { eventsWebhookSecret: secrets.eventsWebhookSecret, ...(signupsMayWait(tenant) ? { encryptionKey: secrets.encryptionKey } : {}) },
  });
  // entries/funnel.ts: the table and nothing else (no secret).
  const funnel = buildFunnelCounter({
    ...common,
    config: tenant,
    tenant: tenant.tableName,
    dynamo: recordedClient(calls, 'funnel'),
    writeEmf: () => {},
  });
  const routes = frontDoorRoutes(tenant.pages?.path, tenant.pages && tenant.recovery ? tenant.recovery.pagePath : undefined);
  const routesHit = new Set<string>();
  const router = new Hono();
  router.all('*', (c) => {
    const route = routeOf(routes, c.req.method, new URL(c.req.url).pathname);
    if (route) routesHit.add(`${route.method} ${route.path}`);
    return parts[route?.fn ?? UNROUTED_PART].fetch(c.req.raw, c.env);
  });
  return { router, sweep, funnel, calls, routesHit, routes };
}

/** The route API Gateway would pick: `{name}` is one path segment, `{proxy+}` the rest. */
export function routeOf(routes: readonly FrontDoorRoute[], method: string, path: string): FrontDoorRoute | undefined {
  const matches = (route: FrontDoorRoute) => {
    if (route.method !== 'ANY' && route.method !== method) return false;
    const pattern = route.path
      .split('/')
      .map((segment) =>
        segment === '{proxy+}' ? '.+' : /^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    return new RegExp(`^${pattern}$`).test(path);
  };
  // An exact method wins over ANY, as in API Gateway.
  return routes.find((r) => r.method === method && matches(r)) ?? routes.find(matches);
}
