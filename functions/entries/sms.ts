/** Lambda entry for phone verification (requestToken, submit_token): the only one that may publish SMS. For now it serves through the shared lambda.ts handler. */
export { handler } from '../lambda.js';
