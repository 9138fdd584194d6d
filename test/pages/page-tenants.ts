/** Tenant settings the sign-up page tests share. */
export const BRAND = { name: 'Example Chat' };

/** A page whose only flow is terms, then a phone number. */
export const PHONE_PAGE_TENANT = {
  registration: { flows: [['m.login.terms', 'm.login.msisdn']] },
  threepid: { brandName: 'Example Chat', msisdn: {} },
  pages: { brand: BRAND },
};
