// Runs in a fresh `node` process: loads one Lambda bundle, answers one API Gateway v2 event, reports, exits.
import { pathToFileURL } from 'node:url';

const [bundle, eventJson] = process.argv.slice(2);
const loading = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const loaded = performance.now();
const result = await handler(JSON.parse(eventJson), { awsRequestId: 'bench', functionName: 'bench' });
const answered = performance.now();
process.stdout.write(
  // Marked: the function's own log lines share stdout.
  `\n@@bench ${JSON.stringify({ bootMs: loading, importMs: loaded - loading, answerMs: answered - loaded, status: result?.statusCode })}\n`,
  // Open keep-alive sockets would hold the process; the measurement is done.
  () => process.exit(0),
);
