/** The development homeserver in a process of its own (see side-process.ts); prints its URL, stops on SIGTERM. */
import { startDevHomeserver } from '../../local/dev-homeserver/index.js';

const homeserver = await startDevHomeserver(JSON.parse(process.argv[2]!));
process.stdout.write(`${JSON.stringify({ url: homeserver.url, serverName: homeserver.serverName })}\n`);
process.once('SIGTERM', () => {
  homeserver.close().finally(() => process.exit(0));
});
