/** `npm run operator -- switch close-registration on` and friends: see local/operator-cli.ts. */
import { runOperatorCli } from '../local/operator-cli.js';

runOperatorCli(process.argv.slice(2), { env: process.env, print: (line) => void process.stdout.write(`${line}\n`) }).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
