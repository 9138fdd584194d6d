/**
 * `npm run operator -- …`: the live switches and the sign-up counters from a terminal, through the operator
 * API over HTTP (FRONT_DOOR_URL, FRONT_DOOR_OPERATOR_KEY; by default the address and key `npm start` uses).
 * Every failure is one plain line and exit code 1 (2 for a command it does not know); the key is never printed.
 */
import { readLocalOperatorKey } from './local-operator-key.js';

type Env = Record<string, string | undefined>;

export interface OperatorCliIo {
  env: Env;
  print: (line: string) => void;
  fetch?: typeof fetch;
}

/** What `npm start` listens on unless its config names another port. */
export const DEFAULT_FRONT_DOOR_URL = 'http://127.0.0.1:8080';
const ADMIN = '/_front_door/admin/v1';
const HOUR_MS = 3_600_000;

const SWITCH_FIELDS: Record<string, string> = {
  'close-registration': 'registration_closed',
  'pause-sms': 'sms_paused',
  'pause-email': 'email_paused',
};

export const USAGE = [
  'usage: npm run operator -- <command>',
  '  switches                                  show the live switches',
  '  switch close-registration|pause-sms|pause-email on|off',
  '  counters [--hours 24]                     the sign-up funnel of the last hours',
  'environment: FRONT_DOOR_URL (default the npm start address), FRONT_DOOR_OPERATOR_KEY (default the npm start key)',
].join('\n');

/** A problem to tell the operator in one line. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs one command; resolves to the exit code. */
export async function runOperatorCli(args: readonly string[], io: OperatorCliIo): Promise<number> {
  try {
    const request = parseCommand(args);
    const api = operatorApi(io);
    if (request.kind === 'switches') printSwitches(await api('GET', '/switches'), io.print);
    else if (request.kind === 'switch') printSwitches(await api('PUT', '/switches', { [request.field]: request.on }), io.print);
    else {
      const until = Date.now();
      const answer = await api('GET', `/counters?from=${until - request.hours * HOUR_MS}&until=${until}`);
      printCounters(answer.total, request.hours, io.print);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.print(`error: ${error.message}`);
    return error.exitCode;
  }
}

type Command = { kind: 'switches' } | { kind: 'switch'; field: string; on: boolean } | { kind: 'counters'; hours: number };

export function parseCommand(args: readonly string[]): Command {
  const [command, ...rest] = args;
  if (command === 'switches' && rest.length === 0) return { kind: 'switches' };
  if (command === 'switch') {
    const [name = '', value = '', ...more] = rest;
    const field = SWITCH_FIELDS[name];
    if (!field) throw new CliError(`unknown switch "${name}" (close-registration, pause-sms, pause-email)\n${USAGE}`, 2);
    if ((value !== 'on' && value !== 'off') || more.length > 0) throw new CliError(`say on or off: switch ${name} on|off`, 2);
    return { kind: 'switch', field, on: value === 'on' };
  }
  if (command === 'counters') {
    if (rest.length === 0) return { kind: 'counters', hours: 24 };
    const hours = Number(rest[1]);
    if (rest[0] !== '--hours' || rest.length !== 2 || !Number.isInteger(hours) || hours < 1 || hours > 9600) {
      throw new CliError('counters [--hours N]: N whole hours, 1 to 9600', 2);
    }
    return { kind: 'counters', hours };
  }
  throw new CliError(command ? `unknown command "${command}"\n${USAGE}` : USAGE, 2);
}

type Api = (method: string, path: string, body?: unknown) => Promise<Record<string, any>>;

/** One authorised call to the operator API; its JSON answer, or a CliError saying what went wrong. */
function operatorApi(io: OperatorCliIo): Api {
  const base = (io.env.FRONT_DOOR_URL || DEFAULT_FRONT_DOOR_URL).replace(/\/+$/, '');
  const key = io.env.FRONT_DOOR_OPERATOR_KEY || readLocalOperatorKey(io.env);
  if (!key) throw new CliError('no operator key: set FRONT_DOOR_OPERATOR_KEY (npm start prints where it keeps its own)');
  const doFetch = io.fetch ?? fetch;
  return async (method, path, body) => {
    const url = `${base}${ADMIN}${path}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(`cannot reach the front door at ${base} (${cause}); is it running? (FRONT_DOOR_URL)`);
    }
    const answer = (await res.json().catch(() => undefined)) as Record<string, any> | undefined;
    if (res.ok && answer) return answer;
    throw new CliError(failureText(res.status, answer, base));
  };
}

function failureText(status: number, answer: Record<string, any> | undefined, base: string): string {
  const said = answer?.errcode ? `${answer.errcode}: ${answer.error}` : 'not a JSON answer';
  if (status === 401 || status === 403)
    return `the front door at ${base} refused the operator key (${status} ${said}); check FRONT_DOOR_OPERATOR_KEY`;
  if (status === 404) return `${base} has no operator API here (404 ${said}); check FRONT_DOOR_URL`;
  return `the front door answered ${status} (${said})`;
}

function printSwitches(state: Record<string, any>, print: (line: string) => void): void {
  const word = (on: unknown) => (on ? 'ON' : 'off');
  print(`registration closed  ${word(state.registration_closed)}`);
  print(`SMS paused           ${word(state.sms_paused)}`);
  print(`email paused         ${word(state.email_paused)}`);
  if (state.changed_at) print(`last changed ${new Date(state.changed_at).toISOString()} by ${state.changed_by ?? 'unknown'}`);
}

function printCounters(total: Record<string, any>, hours: number, print: (line: string) => void): void {
  print(`sign-ups, last ${hours} h`);
  print(`  started            ${total.started}`);
  for (const [stage, n] of Object.entries(total.passed ?? {})) print(`  passed ${stage.padEnd(28)} ${n}`);
  for (const [stage, reasons] of Object.entries<Record<string, number>>(total.failed ?? {})) {
    for (const [reason, n] of Object.entries(reasons)) print(`  failed ${stage} ${reason}  ${n}`);
  }
  print(`  completed          ${total.completed}`);
  print(`  abandoned          ${total.abandoned}`);
  print(`mails sent ${total.mailSent}, SMS sent ${total.smsSent} (about $${Number(total.smsSpendUsd).toFixed(2)})`);
  print(`refused with 429 ${total.rateLimited}, homeserver errors ${total.homeserverErrors}, creation retries ${total.creationRetries}`);
}
