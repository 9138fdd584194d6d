/** How a person is told the decision on a sign-up that waits for approval (MSC3866's `approval_notice_medium`). */
export const ApprovalNoticeMedium = {
  Email: 'm.email',
  /** The front door's own value: MSC3866 names only email and none. */
  Sms: 'm.msisdn',
  None: 'm.none',
} as const;

export type ApprovalNoticeMedium = (typeof ApprovalNoticeMedium)[keyof typeof ApprovalNoticeMedium];
