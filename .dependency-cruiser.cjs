/**
 * The layer rules of functions/ (docs/architecture.md): dependencies point one way, down.
 *   base     matrix/ (protocol), model/ (domain types), ports/ (every port), crypto/: plain types and rules, no I/O
 *   engine   uia/ (the UIA state machine, its stages, account creation), threepid/ (3PID validation)
 *   policy   policy/ (gating rules as functions over config and ports)
 *   records  records/ (terms acceptance records, the outbox runner, sign-up events, onboarding): over ports
 *   config   config/ (the tenant config schema, made of the engine's and policy's own schemas)
 *   adapters adapters/<system>/ (DynamoDB, Synapse, SES, SNS, captcha, Secrets Manager, Lambda)
 *   http     http/ (routes, middleware, the route table), web/ (HTML)
 *   wiring   compose/, entries/: the only places that know every layer
 */
const BASE = '^functions/(matrix|model|ports|crypto)/';
const ENGINE = '^functions/(uia|threepid)/';
const POLICY = '^functions/policy/';
const ADAPTERS = '^functions/adapters/';
const HTTP = '^functions/(http|web)/';
const RECORDS = '^functions/records/';

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'A loop in the imports makes every layer depend on every other.', from: {}, to: { circular: true } },
    {
      name: 'base-imports-only-base',
      severity: 'error',
      comment: 'matrix/, model/, ports/ and crypto/ hold plain types and rules: nothing above them.',
      from: { path: BASE },
      to: { path: '^functions/', pathNot: BASE },
    },
    {
      name: 'engine-imports-only-base',
      severity: 'error',
      comment: 'The engine reaches the world through ports; its settings come in as values, not as the config module.',
      from: { path: ENGINE },
      to: { path: '^functions/', pathNot: [BASE, ENGINE] },
    },
    {
      name: 'policy-imports-only-base',
      severity: 'error',
      comment: 'Policy is functions over config values and ports.',
      from: { path: POLICY },
      to: { path: '^functions/', pathNot: [BASE, POLICY] },
    },
    {
      name: 'records-imports-only-base',
      comment: 'What is kept and told about sign-ups (records, the outbox, events, onboarding) works over ports only.',
      severity: 'error',
      from: { path: RECORDS },
      to: { path: '^functions/', pathNot: [BASE, RECORDS] },
    },
    {
      name: 'only-wiring-imports-records',
      severity: 'error',
      comment: 'The records are hooks and executors handed in by compose/; the engine, policy and HTTP see them only as ports.',
      from: { path: '^functions/', pathNot: ['^functions/(compose|entries)/', RECORDS] },
      to: { path: RECORDS },
    },
    {
      name: 'aws-sdk-only-in-adapters',
      severity: 'error',
      comment: 'The AWS SDK (DynamoDB, EventBridge, SES, SNS, …) sits behind a port: only adapters/ and the wiring build its clients.',
      from: { path: '^functions/', pathNot: ['^functions/adapters/', '^functions/(compose|entries)/'] },
      to: { path: '(^|/)node_modules/@aws-sdk/' },
    },
    {
      name: 'adapters-import-only-base',
      severity: 'error',
      comment:
        'An adapter implements a port: it knows the port and the model, never the engine, HTTP or another adapter (aws/ is no adapter: the transport and signing every AWS one shares).',
      from: { path: '^functions/adapters/([^/]+)/' },
      to: { path: '^functions/', pathNot: [BASE, '^functions/adapters/$1/', '^functions/adapters/[^/]+\\.ts$', '^functions/adapters/aws/'] },
    },
    {
      name: 'http-never-imports-adapters',
      severity: 'error',
      comment: 'Routes and pages know ports only; the composition root chooses the adapters.',
      from: { path: HTTP },
      to: { path: `${ADAPTERS}|^functions/(compose|entries)/` },
    },
    {
      name: 'nothing-imports-wiring',
      severity: 'error',
      comment: 'compose/ and entries/ are the top: only they (and tests, tools and infra) import them.',
      from: { path: '^functions/', pathNot: '^functions/(compose|entries)/' },
      to: { path: '^functions/(compose|entries)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // node_modules are not followed but still listed, so a rule can name a package (aws-sdk-only-in-adapters).
    exclude: { path: '^cdk\\.out/' },
  },
};
