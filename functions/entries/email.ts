/** Lambda entry for e-mail verification (requestToken, submit_token): the only one that may call SES. For now it serves through the shared lambda.ts handler. */
export { handler } from '../lambda.js';
