// Runs in a fresh `node` process: loads one Lambda bundle, answers one event (API Gateway v2, or a direct
// invoke for the lookup function), reports, exits.
import { pathToFileURL } from 'node:url';

const [bundle, eventJson] = process.argv.slice(2);
const loading = performance.now();
const cpuAtStart = process.cpuUsage();
const { handler } = await import(pathToFileURL(bundle).href);
const loaded = performance.now();
// The same monotonic clock (µs) as a `--cpu-prof` profile's timestamps: cold-profile.ts splits import from answer by it.
const loadedUs = Number(process.hrtime.bigint() / 1000n);
// CPU time (all threads) of the import: less swayed than the wall clock by other work on the machine.
const importCpu = process.cpuUsage(cpuAtStart);
const result = await handler(JSON.parse(eventJson), { awsRequestId: 'bench', functionName: 'bench' });
const answered = performance.now();
/** An HTTP answer's status; a direct invoke's answer by its keys (`userId`, `failure`…). */
function statusOf(answer) {
  if (answer && typeof answer === 'object') return answer.statusCode ?? `{${Object.keys(answer).join(',')}}`;
  return typeof answer;
}
process.stdout.write(
  // Marked: the function's own log lines share stdout.
  `\n@@bench ${JSON.stringify({ bootMs: loading, importMs: loaded - loading, importCpuMs: (importCpu.user + importCpu.system) / 1000, answerMs: answered - loaded, loadedUs, status: statusOf(result) })}\n`,
  // Open keep-alive sockets would hold the process; the measurement is done.
  () => process.exit(0),
);
