/** Lambda entry for the operator API under /_front_door/admin (IAM-authorised at API Gateway): table only. For now it serves through the shared lambda.ts handler. */
export { handler } from '../lambda.js';
