/**
 * The sign-up page's words in English: the catalogue every other language copies key for key (the
 * `Messages` type makes a missing key a compile error). `{name}` marks a value filled in when rendered;
 * every sentence for an error says what to do next.
 */
export const en = {
  // The language itself
  lang: 'en',
  dir: 'ltr' as 'ltr' | 'rtl',
  languageName: 'English',
  languageSwitcher: 'Language',

  // Every page
  pageTitle: 'Create your {brand} account',
  supportLink: 'Need help?',
  stepOf: 'Step {current} of {total}',
  continue: 'Continue',
  back: 'Start again',
  errorSummary: 'Please check the field marked below.',

  // Choosing a flow
  flowHeading: 'How would you like to sign up?',
  flowIntro: 'Choose one of these ways. You can start again at any time.',
  flowInvitation: 'With an invitation',
  flowEmail: 'With your email address',
  flowPhone: 'With your phone number',
  flowCaptcha: 'By confirming you are human',
  flowSimple: 'Just a username',
  flowCombined: '{first}, then {rest}',

  // Username and password
  accountHeading: 'Choose a username and password',
  usernameLabel: 'Username',
  usernameHint: 'Your Matrix ID will be {example}. Use lowercase letters, digits, and . _ - = /',
  passwordLabel: 'Password',
  passwordHint: 'At least {min} characters. A few unrelated words make a strong password.',
  passwordConfirmLabel: 'Password again',
  displayNameLabel: 'Display name (optional)',
  displayNameHint: 'How others see you in chats. You can change it later.',
  displayNameTooLong: 'Use at most {max} characters for your display name.',
  passwordMismatch: 'The two passwords are not the same. Type the same password in both fields.',
  usernameSuggestions: 'These names are free:',

  // Terms
  termsHeading: 'Accept the policies',
  termsIntro: 'Please read these policies. Tick each one to accept it.',
  termsAccept: 'I accept the {policy} (version {version})',
  termsMissing: 'Tick every policy to accept it, then continue.',

  // Captcha
  captchaHeading: 'Confirm you are human',
  captchaIntro: 'Complete the check below, then continue.',
  captchaNoScript: 'This check needs JavaScript. Turn it on for this page, then reload it.',

  // Registration token
  tokenHeading: 'Your invitation',
  tokenLabel: 'Registration token',
  tokenHint: 'The code from your invitation. If you opened an invitation link, it is already filled in.',

  // Email
  emailHeading: 'Your email address',
  emailLabel: 'Email address',
  emailHint: 'We send a link to this address to confirm it is yours.',
  emailSent: 'Check your mail',
  emailSentBody: 'We sent a link to {address}. Open it on this device to continue your sign-up. It works for {minutes} minutes.',
  emailResend: 'Send the mail again',
  emailResent: 'We sent a new mail. Use the link in the newest one.',
  emailChange: 'Use another address',
  emailNotYet: 'Your address is not confirmed yet. Open the link in the mail we sent, then continue.',
  emailContinue: 'I have opened the link',

  // Phone
  phoneHeading: 'Your phone number',
  countryLabel: 'Country',
  phoneLabel: 'Phone number',
  phoneHint: 'We send a code to this number by SMS.',
  codeHeading: 'Enter the code',
  codeLabel: 'Code',
  codeHint: 'We sent a code by SMS to {number}.',
  codeWrong: 'That code is not right. Check the SMS and type the code again.',
  codeLocked: 'This code was tried too often. Send a new code and use that one.',
  codeExpired: 'This code has expired. Send a new code and use that one.',
  codeResend: 'Send a new code',

  // The link from the mail
  /** The mail link opened in another browser: the address is confirmed, the sign-up goes on where it began. */
  confirmedElsewhereHeading: 'Address confirmed',
  confirmedElsewhereBody: 'Your address is confirmed. Go back to the browser where you started signing up to finish.',
  linkInvalid: 'This confirmation link does not belong to this sign-up. Open the link from the newest mail in the same browser.',

  // Waiting for approval (the sign-up is finished; an operator decides)
  awaitingHeading: 'Waiting for approval',
  awaitingIntro: 'Your sign-up is complete. Before you can use your account, the operators of this server must approve it.',
  awaitingByEmail: 'We will send an email to the address you confirmed as soon as they have decided.',
  awaitingBySms: 'We will send a text message to the phone number you confirmed as soon as they have decided.',
  awaitingNoNotice:
    'You will not get a message about their decision. Try signing in later with your username and password: once that works, your account was approved.',
  awaitingClose: 'There is nothing more to fill in: you can close this page.',
  awaitingClosedHeading: 'This sign-up is no longer waiting',
  awaitingClosedBody:
    'It was decided, or the time to decide it ran out. If it was approved, sign in with your username and password; if not, you can start again.',

  // Done
  doneHeading: 'Your account is ready',
  doneIntro: 'Welcome! Your Matrix ID is:',
  doneElementWeb: 'Open Element in your browser',
  doneHomeserver: 'In Element X or any other Matrix app, sign in with this homeserver:',
  doneMatrixTo: 'Share your Matrix ID',
  doneAgain: 'Create another account',

  // Page-level refusals
  csrfHeading: 'This form has expired',
  csrfBody: 'For your safety the form could not be sent. Go back to the start and try again.',
  disabledHeading: 'Sign-up is closed',
  disabledBody: 'This server is not taking new accounts at the moment. Ask its operators when it opens again.',
  notFoundHeading: 'Page not found',
  deniedNetworkHeading: 'Not available from your network',
  deniedNetworkBody:
    'Sign-up is not open to the network you are connecting from. Try another connection, or contact the server operators if you think this is a mistake.',
  retryInSeconds: '{seconds} seconds',
  retryInMinutes: '{minutes} minutes',

  // One sentence per Matrix error the engine can give (errcode, then a few special cases)
  M_FORBIDDEN: 'This is not allowed on this server. If you think it should be, contact the server operators.',
  M_UNRECOGNIZED: 'Something in this step was not understood. Start again from the beginning.',
  M_NOT_JSON: 'The form could not be read. Reload the page and try again.',
  M_BAD_JSON: 'The form could not be read. Reload the page and try again.',
  M_MISSING_PARAM: 'Something is missing. Fill in every field, then continue.',
  M_INVALID_PARAM: 'This does not look right. Check what you typed and try again.',
  M_UNAUTHORIZED: 'That was not accepted. Check it and try again.',
  M_USER_IN_USE: 'This username is taken. Choose another one.',
  M_INVALID_USERNAME: 'This username cannot be used. Use only lowercase letters, digits, and . _ - = /',
  M_EXCLUSIVE: 'This username is reserved. Choose another one.',
  M_WEAK_PASSWORD: 'This password is too weak. Choose a longer one, for example a few unrelated words.',
  M_GUEST_ACCESS_FORBIDDEN: 'Guest accounts are not offered here. Create a full account instead.',
  M_LIMIT_EXCEEDED: 'Too many attempts. Wait {wait}, then try again.',
  M_TOO_LARGE: 'What you typed is too long. Shorten it and try again.',
  M_THREEPID_IN_USE: 'This address already belongs to an account. Sign in with that account, or use another address.',
  M_THREEPID_DENIED: 'This address cannot be used to sign up here. Use another one.',
  M_THREEPID_MEDIUM_NOT_SUPPORTED: 'This server cannot check this kind of address right now. Choose another way to sign up.',
  M_THREEPID_AUTH_FAILED: 'We could not match the confirmation to this sign-up. Send a new one and use the newest.',
  M_SESSION_EXPIRED: 'Your sign-up took too long and has expired. Start again.',
  M_NOT_FOUND: 'That was not found. Check it and try again.',
  M_CAPTCHA_NEEDED: 'Complete the check, then continue.',
  M_CAPTCHA_INVALID: 'The check did not succeed. Try it again.',
  M_MISSING_TOKEN: 'Your sign-up has expired. Start again.',
  M_UNKNOWN_TOKEN: 'Your sign-up has expired. Start again.',
  M_UNKNOWN: 'Something went wrong on our side. Wait a moment, then try again.',
  M_USER_AWAITING_APPROVAL:
    "Your sign-up is complete and now waits for the server's operators to approve it. We will tell you by email or text message when they have decided.",
  errorRegistrationDisabled: 'Sign-up is closed on this server at the moment. Ask its operators when it opens again.',
  errorUnknownSession: 'Your sign-up has expired or could not be found. Start again.',
  errorUnavailable: 'The server is busy or briefly unreachable. Wait {wait}, then try again.',
  errorTokenInvalid: 'This invitation code is not valid, used up, or expired. Check it, or ask for a new invitation.',
  errorEmailInvalid: 'This is not an email address we can use. Check it and try again.',
  errorPhoneInvalid: 'This phone number is not valid for the country chosen. Check both and try again.',
  errorGateFirst: 'Complete the earlier step of your sign-up first, then ask for the code again.',

  // What a sign-up sends (web/messages.ts): the verification mail and SMS, and the notice sent instead
  // to an address that already has an account. Plain text: the mail's HTML is built around these sentences.
  mailSubject: 'Confirm your email address for {brand}',
  mailGreeting: 'Hello,',
  mailIntro: 'Someone, hopefully you, is creating an account on {brand} with this email address.',
  mailOpenLink: 'To confirm it, open this link within {minutes} minutes:',
  mailIgnore: 'If this was not you, ignore this mail: no account will be made with your address.',
  // The same mail when an address is added to an account after sign-up (/account/3pid/email/requestToken).
  mailIntroAdd: 'Someone, hopefully you, wants to add this email address to an account on {brand}.',
  mailIgnoreAdd: 'If this was not you, ignore this mail: your address will not be added to any account.',
  mailHeading: 'Confirm your email address',
  mailButton: 'Confirm my address',
  mailLinkFallback: 'The link works for {minutes} minutes. If the button does not work, paste this into your browser:',
  smsCode: '{code} is your {brand} verification code. It expires in {minutes} minutes.',
  inUseMailSubject: 'Sign-up attempt on {brand}',
  inUseMailBody: `Someone tried to create a new account on {brand} with this email address, which already belongs to an account.
Nothing was changed. If it was you, sign in with your existing account instead (you can reset your password there).
If it was not you, you can ignore this mail.`,
  inUseSms: 'Someone tried to create a {brand} account with this number, which already has one. If it was not you, ignore this message.',
  // The same notice when the address was to be added to an account (enumeration-safe `/account/3pid/*/requestToken`).
  inUseAddMailSubject: 'Address change attempt on {brand}',
  inUseAddMailBody: `Someone asked to add this email address to an account on {brand}, but it already belongs to an account.
Nothing was changed. If it was not you, you can ignore this mail.`,
  inUseAddSms:
    'Someone asked to add this number to a {brand} account, but it already belongs to one. Nothing was changed. If it was not you, ignore this message.',

  // Decisions on a sign-up that waited for approval (web/approval-messages.ts)
  approvedSubject: 'Your {brand} account is ready',
  approvedBody: `Your sign-up on {brand} was approved and your account {userId} is ready.
Sign in with the username {username} and the password you chose when you signed up.`,
  approvedSms: 'Your {brand} account {userId} is ready. Sign in with the username {username} and your password.',
  deniedSubject: 'Your sign-up on {brand}',
  deniedBody: `Your sign-up on {brand} was not approved, and no account was made. The password you chose has been deleted.`,
  deniedReason: 'The reason given: {reason}',
  deniedSms: 'Your {brand} sign-up was not approved; no account was made.',

  // The page's script (web/signup-script.ts): the live username check, the strength meter, the match line
  usernameAvailable: 'This username is available.',
  usernameChecking: 'Checking whether this username is free…',
  passwordStrengthMeter: 'Password strength',
  passwordStrength: 'Password strength: {level}.',
  strengthVeryWeak: 'very weak',
  strengthWeak: 'weak',
  strengthFair: 'fair',
  strengthGood: 'good',
  strengthStrong: 'strong',
  // What weakens a password most, as the strength meter says it (policy/password-strength.ts)
  strengthWarningStraightRow: 'A row of keys on the keyboard is among the first things tried.',
  strengthWarningKeyPattern: 'A short pattern on the keyboard is easy to guess.',
  strengthWarningSimpleRepeat: 'One character repeated, like “aaa”, is easy to guess.',
  strengthWarningExtendedRepeat: 'A repeated group, like “abcabc”, is easy to guess.',
  strengthWarningSequences: 'A run like “abc” or “123” is easy to guess.',
  strengthWarningRecentYears: 'A recent year is easy to guess.',
  strengthWarningDates: 'A date is easy to guess.',
  strengthWarningTopTen: 'This is one of the most used passwords there are.',
  strengthWarningTopHundred: 'This is a very often used password.',
  strengthWarningCommon: 'This is a commonly used password.',
  strengthWarningSimilarToCommon: 'This is close to a commonly used password.',
  strengthWarningWordByItself: 'One word on its own is easy to guess; add more words.',
  strengthWarningNamesByThemselves: 'A name on its own is easy to guess.',
  strengthWarningCommonNames: 'Common first names and surnames are easy to guess.',
  strengthWarningUserInputs: 'Leave out your username and the name of this server.',
  passwordsMatch: 'The two passwords match.',

  // Password reset (the "Forgot password" page, http/routes/forgot-password*.ts; its mail and SMS, web/messages.ts)
  M_THREEPID_NOT_FOUND: 'No account uses this address. Check it, or use the address of your account.',
  forgotLink: 'Forgot your password?',
  resetHeading: 'Reset your password',
  resetIntroEmail: 'Enter the email address of your account. We send it a link to choose a new password.',
  resetIntroPhone: 'Enter the phone number of your account. We send it a code by SMS to choose a new password.',
  resetUsePhone: 'Use a phone number instead',
  resetUseEmail: 'Use an email address instead',
  resetSend: 'Send',
  resetEmailSentBody:
    'If an account uses {address}, we sent it a link. Open it in this browser to choose a new password. It works for {minutes} minutes.',
  resetCodeHint: 'If an account uses {number}, we sent it a code by SMS.',
  resetPasswordHeading: 'Choose a new password',
  newPasswordLabel: 'New password',
  resetLogoutLabel: 'Sign me out on all my other devices',
  resetLogoutHint: 'Recommended if someone else may know your old password. Each device then asks for the new one.',
  resetSubmit: 'Change my password',
  resetDoneHeading: 'Your password is changed',
  resetDoneBody: 'Sign in with your Matrix ID and your new password.',
  resetDoneLoggedOut: 'Your other devices were signed out. Sign in again on each with the new password.',
  resetLinkInvalid: 'This link does not belong to this password reset. Open the link from the newest mail in the same browser.',
  resetConfirmedElsewhere: 'Your address is confirmed. Go back to the browser where you asked for the reset to choose a new password.',
  resetStartAgain: 'This password reset can no longer be used. Start again.',
  resetMailSubject: 'Reset your {brand} password',
  resetMailIntro: 'Someone, hopefully you, asked to reset the password of the {brand} account that uses this email address.',
  resetMailOpenLink: 'To choose a new password, open this link within {minutes} minutes:',
  resetMailIgnore: 'If this was not you, ignore this mail: your password stays as it is.',
  resetMailHeading: 'Reset your password',
  resetMailButton: 'Choose a new password',
  resetSmsCode:
    '{code} is your {brand} password reset code. It expires in {minutes} minutes. If you did not ask for it, ignore this message.',
  resetUnknownMailSubject: 'Password reset on {brand}',
  resetUnknownMailBody:
    'Someone asked to reset a password on {brand} for this email address, but no account uses it. Nothing was changed.\nIf it was you, your account may use another address. If it was not you, you can ignore this mail.',
  resetUnknownSms:
    'Someone asked to reset a {brand} password for this number, but no account uses it. Nothing was changed. If it was not you, ignore this message.',
};

/** A catalogue: English's keys, each a sentence in its own language. */
export type Messages = typeof en;
export type MessageKey = Exclude<keyof Messages, 'dir'>;
