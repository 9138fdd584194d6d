/** The CDK app entry (cdk.json "app"): one front-door stack per tenant. */
import { buildTenantApp } from './tenant-app.js';
import { TenantError } from './tenants.js';

try {
  buildTenantApp().app.synth();
} catch (error) {
  if (!(error instanceof TenantError)) throw error;
  // A config mistake, not a bug: the message names the tenant and every field; a stack trace adds nothing.
  console.error(error.message);
  process.exit(1);
}
