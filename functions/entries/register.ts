/** Lambda entry for account creation (POST /register, GET /register/available): the only one that may read the tenant secret. For now it serves through the shared lambda.ts handler. */
export { handler } from '../lambda.js';
