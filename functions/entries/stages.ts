/** Lambda entry for the table-only helpers (token validity, auth fallback pages, CORS preflights): no secret, no sending. For now it serves through the shared lambda.ts handler. */
export { handler } from '../lambda.js';
