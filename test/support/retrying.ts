/** A client that sends a request again while it is told to (5xx or 429), after the Retry-After it was given. */
import type { Answer } from './client.js';
import type { TestClock } from './test-clock.js';

export async function retrying(send: () => Promise<Answer>, seen: Answer[], clock: TestClock, tries = 6): Promise<Answer> {
  for (let i = 0; i < tries; i++) {
    const answer = await send();
    if (answer.status < 500 && answer.status !== 429) return answer;
    seen.push(answer);
    clock.advance(Number(answer.headers.get('retry-after') ?? 1) * 1000);
  }
  throw new Error(`still failing after ${tries} tries: ${JSON.stringify(seen.at(-1)?.body)}`);
}
