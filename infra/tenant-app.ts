/** Builds the CDK app: one TenantStack per tenant listed in cdk.json's context, all checked by cdk-nag. */
import { App, type AppProps } from 'aws-cdk-lib';
import { addNagChecks } from './nag.js';
import { TenantStack } from './tenant-stack.js';
import { loadTenants } from './tenants.js';

export interface TenantAppOptions extends AppProps {
  /** Where tenant file paths are resolved from: the directory of cdk.json. */
  baseDir?: string;
}

export function buildTenantApp(options: TenantAppOptions = {}): { app: App; stacks: TenantStack[] } {
  const { baseDir = process.cwd(), ...appProps } = options;
  const app = new App(appProps);
  // Every tenant is validated before any is built, so one bad file fails fast and names itself.
  const tenants = loadTenants(app.node.tryGetContext('tenants'), baseDir);
  const stacks = tenants.map((tenant) => new TenantStack(app, { tenant }));
  addNagChecks(app);
  return { app, stacks };
}
