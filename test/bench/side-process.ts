/**
 * Runs a part of the bench in a `node` process of its own (the development homeserver, the load client), so
 * that the front door's process does only the front door's work: its CPU figure is its own, and throughput is
 * not the load client competing with it on one event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SideProcess<T> {
  /** The first line the child printed, parsed. */
  first: T;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `script` (a .ts file beside this one) with this process's loader (tsx) and waits for its first JSON line. */
export function startSideProcess<T>(script: string, input: unknown): Promise<SideProcess<T>> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, file, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before answering`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end < 0) return;
      child.removeAllListeners('exit');
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ first: JSON.parse(out.slice(0, end)) as T, child, stop });
    });
  });
}
