import { describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, type FunctionName } from '../../infra/routes.js';
import { SWEEP_ENTRY } from '../../infra/front-door-sweep.js';
import { buildAsDeployed } from '../support/deployed-build.js';
import { FUNNEL_ENTRY } from '../../infra/funnel-counter.js';

type Part = FunctionName | 'sweep' | 'funnel';

/** The inputs that put code into the bundle (a module imported but shaken out entirely does not count). */
async function bundledInputs(part: Part): Promise<string[]> {
  const entry = part === 'sweep' ? SWEEP_ENTRY : part === 'funnel' ? FUNNEL_ENTRY : FUNCTION_ENTRIES[part];
  const result = await buildAsDeployed(entry);
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}

/** The hosted pages (sign-up, "Forgot password", the UIA fallback pages) and their routes: the pages part's alone. */
const PAGES =
  /^functions\/(web\/(signup-|forgot-password|fallback-pages|captcha-widgets)|http\/routes\/(signup|forgot-password|auth-fallback|page-static))/;
/** The operator console: the admin part's alone. */
const CONSOLE = /^functions\/(web|http)\/console\//;
/** The catalogues of the pages' and the messages' words. */
const CATALOGUES = /^functions\/web\/i18n\/(en|de|fr|es|ar)\.ts$/;
const PHONE_METADATA = /(^|\/)node_modules\/libphonenumber-js\//;
/**
 * Classic zod (the chainable methods, JSON Schema conversion and every locale it registers): the functions'
 * schemas use zod/mini, and only its English messages (issue 18: classic zod was 93 KB of each bundle).
 */
const CLASSIC_ZOD = /(^|\/)node_modules\/zod\/v4\/(classic\/|core\/(to-json-schema|json-schema-processors)\.js|locales\/(?!en\.js))/;
const EVERY_PART: Part[] = [...(Object.keys(FUNCTION_ENTRIES) as FunctionName[]), 'sweep', 'funnel'];
/**
 * What of functions/web the register API may carry: the operators' notice of a sign-up that waits for
 * approval (English, written by the register part, kept in the outbox for the sweep to mail) and the HTML
 * escaping it uses. Nothing else.
 */
const REGISTER_WEB_ALLOWED = new Set(['functions/web/operator-notice.ts', 'functions/web/html.ts']);

const matching = (inputs: string[], pattern: RegExp) => inputs.filter((path) => pattern.test(path));

describe('what each Lambda bundle carries', { timeout: 120_000 }, () => {
  it('keep the register API free of pages, catalogues, the console and phone metadata', async () => {
    const inputs = await bundledInputs('register');
    expect(inputs.filter((path) => path.startsWith('functions/web/') && !REGISTER_WEB_ALLOWED.has(path))).toEqual([]);
    expect(matching(inputs, CONSOLE)).toEqual([]);
    expect(matching(inputs, PAGES)).toEqual([]);
    expect(matching(inputs, PHONE_METADATA)).toEqual([]);
    // Environment credentials stand in for the SDK's default chain (the alias in BUNDLING still applies).
    expect(matching(inputs, /node_modules\/@aws-sdk\/(credential-provider-|nested-clients|client-sts|client-sso)/)).toEqual([]);
    expect(inputs).toContain('functions/entries/env-credentials.ts');
    // The sweep puts register's sign-up events on the bus and mails its operators' notices (issue 18): no
    // EventBridge, SES or SNS client here.
    expect(matching(inputs, /node_modules\/@aws-sdk\/client-(eventbridge|ses|sns)\//)).toEqual([]);
    expect(inputs).not.toContain('functions/adapters/eventbridge/event-bus.ts');
    // Register puts sign-ups in the approval queue; listing and deciding them is the admin and sweep parts' (issue 18).
    expect(inputs).toContain('functions/adapters/dynamodb/approval-intake.ts');
    expect(inputs).not.toContain('functions/adapters/dynamodb/approval-store.ts');
    // The check itself sees the bundle: the register routes are in it.
    expect(inputs).toContain('functions/http/routes/register.ts');
  });

  it("keep the account part's code (the reset engine, the address binding) out of the register bundle, and in its own", async () => {
    const ACCOUNT = /^functions\/(uia\/password-reset|threepid\/add-to-account|http\/routes\/account-(password|threepid))\.ts$/;
    expect(matching(await bundledInputs('register'), ACCOUNT)).toEqual([]);
    const account = await bundledInputs('account');
    expect(matching(account, ACCOUNT)).toHaveLength(4);
    // Nor does it carry the sign-up engine, the pages or phone metadata.
    expect(account).not.toContain('functions/uia/engine.ts');
    expect(matching(account, PAGES)).toEqual([]);
    expect(matching(account, PHONE_METADATA)).toEqual([]);
  });

  it('keep the lookup function free of anything web, of the console and of phone metadata', async () => {
    const inputs = await bundledInputs('lookup');
    expect(matching(inputs, /^functions\/web\//)).toEqual([]);
    expect(matching(inputs, CONSOLE)).toEqual([]);
    expect(matching(inputs, PHONE_METADATA)).toEqual([]);
  });

  it.each(['checks', 'email', 'sms', 'meter', 'sweep', 'admin', 'account'] as const)(
    'keep the pages out of the %s bundle',
    async (part) => {
      const inputs = await bundledInputs(part);
      expect(matching(inputs, PAGES)).toEqual([]);
      if (part !== 'admin') expect(matching(inputs, CONSOLE)).toEqual([]);
    },
  );

  // Nothing the front door calls streams; the Lambda client (email, sms, pages: the owner lookups) imports the serde
  // by name, the others load it on first use. The stand-in must satisfy both, in every part.
  // (The lookup part has no SDK client since its Secrets Manager reads go without one: see below.)
  it.each(['register', 'account', 'pages', 'email', 'sms', 'checks', 'meter', 'admin', 'sweep'] as const)(
    'keep the SDK event-stream serde out of the %s bundle',
    async (part) => {
      const inputs = await bundledInputs(part);
      expect(matching(inputs, /node_modules\/@smithy\/(core\/dist-es\/submodules\/event-streams|eventstream-)/)).toEqual([]);
      expect(inputs).toContain('functions/entries/no-event-streams.ts');
    },
  );

  // Issue 18: SDK parts no call needs, replaced through infra/bundle-aliases.ts or made without the SDK's client.
  const REPLACED_SDK_PARTS =
    /node_modules\/(@aws-sdk\/(client-secrets-manager|endpoint-cache)|@smithy\/(node-http-handler|core\/dist-es\/submodules\/checksum)|mnemonist|obliterator|@aws\/lambda-invoke-store)\//;
  it.each(EVERY_PART)(
    'keep the Secrets Manager client, the default HTTP handler, the endpoint cache, the invoke store and the JS SHA-256 out of the %s bundle',
    async (part) => {
      const inputs = await bundledInputs(part);
      expect(matching(inputs, REPLACED_SDK_PARTS)).toEqual([]);
      // The SDK still reaches for each (so the alias is not dead), and gets ours.
      expect(inputs).toContain('functions/entries/node-sha256.ts');
      // The lookup part calls the homeserver and reads its secrets: no SDK client at all since the Secrets Manager one went.
      if (part === 'lookup') return void expect(matching(inputs, /node_modules\/@aws-sdk\/client-/)).toEqual([]);
      expect(inputs).toEqual(
        expect.arrayContaining([
          'functions/entries/keep-alive-handler.ts',
          'functions/entries/endpoint-cache.ts',
          'functions/entries/runtime-invoke-store.ts',
        ]),
      );
    },
  );

  // Issue 18: every app is a `hono/tiny` Hono (the pattern router alone); the default one carries three routers.
  it.each(['register', 'account', 'pages', 'checks', 'admin'] as const)(
    'route with the pattern router alone in the %s bundle',
    async (part) => {
      const inputs = await bundledInputs(part);
      expect(matching(inputs, /node_modules\/hono\/dist\/router\/(reg-exp|smart|trie)-router\//)).toEqual([]);
      expect(inputs).toContain('node_modules/hono/dist/router/pattern-router/router.js');
    },
  );

  it('read secrets without the SDK´s Secrets Manager client, in every part that reads one from Secrets Manager', async () => {
    for (const part of ['register', 'lookup'] as const) {
      expect(await bundledInputs(part)).toContain('functions/adapters/secrets-manager/get-secret-value.ts');
    }
  });

  it.each(EVERY_PART)('keep classic zod out of the %s bundle: zod/mini and its English messages only', async (part) => {
    const inputs = await bundledInputs(part);
    expect(matching(inputs, CLASSIC_ZOD)).toEqual([]);
    // The pattern names real files: the bundle does carry zod, as mini.
    expect(inputs).toContain('node_modules/zod/v4/mini/schemas.js');
    expect(inputs).toContain('node_modules/zod/v4/locales/en.js');
  });

  it('keep the catalogues out of the checks bundle (its submit_token page needs none)', async () => {
    const inputs = await bundledInputs('checks');
    expect(matching(inputs, CATALOGUES)).toEqual([]);
    expect(matching(inputs, PHONE_METADATA)).toEqual([]);
  });

  it('keep the pages, catalogues and phone metadata in the pages bundle (the patterns above name real files)', async () => {
    const inputs = await bundledInputs('pages');
    expect(matching(inputs, PAGES).length).toBeGreaterThan(3);
    expect(matching(inputs, CATALOGUES)).toHaveLength(5);
    expect(matching(inputs, PHONE_METADATA).length).toBeGreaterThan(0);
    expect(matching(await bundledInputs('admin'), CONSOLE).length).toBeGreaterThan(3);
    // The parts that put events on the bus themselves do carry the client (the pattern above names real files).
    expect(matching(await bundledInputs('sweep'), /node_modules\/@aws-sdk\/client-(eventbridge|ses)\//).length).toBeGreaterThan(1);
  });
});
