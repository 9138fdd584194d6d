/** The sign-up page's words in German (formal „Sie“), key for key as in `en.ts`. */
import type { Messages } from './en.js';

export const de: Messages = {
  // The language itself
  lang: 'de',
  dir: 'ltr',
  languageName: 'Deutsch',
  languageSwitcher: 'Sprache',

  // Every page
  pageTitle: 'Ihr Konto bei {brand} erstellen',
  supportLink: 'Brauchen Sie Hilfe?',
  stepOf: 'Schritt {current} von {total}',
  continue: 'Weiter',
  back: 'Neu beginnen',
  errorSummary: 'Bitte prüfen Sie das unten markierte Feld.',

  // Choosing a flow
  flowHeading: 'Wie möchten Sie sich registrieren?',
  flowIntro: 'Wählen Sie einen dieser Wege. Sie können jederzeit neu beginnen.',
  flowInvitation: 'Mit einer Einladung',
  flowEmail: 'Mit Ihrer E-Mail-Adresse',
  flowPhone: 'Mit Ihrer Telefonnummer',
  flowCaptcha: 'Indem Sie bestätigen, dass Sie ein Mensch sind',
  flowSimple: 'Nur mit einem Benutzernamen',
  flowCombined: '{first}, dann {rest}',

  // Username and password
  accountHeading: 'Benutzernamen und Passwort wählen',
  usernameLabel: 'Benutzername',
  usernameHint: 'Ihre Matrix-ID wird {example} lauten. Verwenden Sie Kleinbuchstaben, Ziffern und . _ - = /',
  passwordLabel: 'Passwort',
  passwordHint: 'Mindestens {min} Zeichen. Einige Wörter, die nichts miteinander zu tun haben, ergeben ein starkes Passwort.',
  passwordConfirmLabel: 'Passwort wiederholen',
  displayNameLabel: 'Anzeigename (optional)',
  displayNameHint: 'So sehen andere Sie in Chats. Sie können ihn später ändern.',
  displayNameTooLong: 'Ihr Anzeigename darf höchstens {max} Zeichen lang sein.',
  passwordMismatch: 'Die beiden Passwörter stimmen nicht überein. Geben Sie in beide Felder dasselbe Passwort ein.',
  usernameSuggestions: 'Diese Namen sind noch frei:',

  // Terms
  termsHeading: 'Richtlinien akzeptieren',
  termsIntro: 'Bitte lesen Sie diese Richtlinien. Setzen Sie bei jeder ein Häkchen, um sie zu akzeptieren.',
  termsAccept: 'Ich akzeptiere: {policy} (Version {version})',
  termsMissing: 'Setzen Sie bei jeder Richtlinie ein Häkchen und fahren Sie dann fort.',

  // Captcha
  captchaHeading: 'Bestätigen Sie, dass Sie ein Mensch sind',
  captchaIntro: 'Führen Sie die Prüfung unten durch und fahren Sie dann fort.',
  captchaNoScript: 'Diese Prüfung benötigt JavaScript. Schalten Sie es für diese Seite ein und laden Sie die Seite neu.',

  // Registration token
  tokenHeading: 'Ihre Einladung',
  tokenLabel: 'Einladungscode',
  tokenHint: 'Der Code aus Ihrer Einladung. Wenn Sie einen Einladungslink geöffnet haben, ist er bereits eingetragen.',

  // Email
  emailHeading: 'Ihre E-Mail-Adresse',
  emailLabel: 'E-Mail-Adresse',
  emailHint: 'Wir senden einen Link an diese Adresse, um zu bestätigen, dass sie Ihnen gehört.',
  emailSent: 'Sehen Sie in Ihr Postfach',
  emailSentBody:
    'Wir haben einen Link an {address} gesendet. Öffnen Sie ihn auf diesem Gerät, um die Registrierung fortzusetzen. Er ist {minutes} Minuten lang gültig.',
  emailResend: 'E-Mail erneut senden',
  emailResent: 'Wir haben eine neue E-Mail gesendet. Verwenden Sie den Link aus der neuesten.',
  emailChange: 'Eine andere Adresse verwenden',
  emailNotYet: 'Ihre Adresse ist noch nicht bestätigt. Öffnen Sie den Link in unserer E-Mail und fahren Sie dann fort.',
  emailContinue: 'Ich habe den Link geöffnet',

  // Phone
  phoneHeading: 'Ihre Telefonnummer',
  countryLabel: 'Land',
  phoneLabel: 'Telefonnummer',
  phoneHint: 'Wir senden einen Code per SMS an diese Nummer.',
  codeHeading: 'Code eingeben',
  codeLabel: 'Code',
  codeHint: 'Wir haben einen Code per SMS an {number} gesendet.',
  codeWrong: 'Dieser Code stimmt nicht. Prüfen Sie die SMS und geben Sie den Code erneut ein.',
  codeLocked: 'Dieser Code wurde zu oft ausprobiert. Lassen Sie sich einen neuen Code senden und verwenden Sie diesen.',
  codeExpired: 'Dieser Code ist abgelaufen. Lassen Sie sich einen neuen Code senden und verwenden Sie diesen.',
  codeResend: 'Neuen Code senden',

  // The link from the mail
  confirmedElsewhereHeading: 'Adresse bestätigt',
  confirmedElsewhereBody:
    'Ihre Adresse ist bestätigt. Kehren Sie zu dem Browser zurück, in dem Sie mit der Registrierung begonnen haben, um sie abzuschließen.',
  linkInvalid:
    'Dieser Bestätigungslink gehört nicht zu dieser Registrierung. Öffnen Sie den Link aus der neuesten E-Mail im selben Browser.',

  // Warten auf Freigabe
  awaitingHeading: 'Warten auf Freigabe',
  awaitingIntro:
    'Ihre Registrierung ist abgeschlossen. Bevor Sie Ihr Konto nutzen können, müssen die Betreiber dieses Servers es freigeben.',
  awaitingByEmail: 'Sobald sie entschieden haben, schicken wir eine E-Mail an die Adresse, die Sie bestätigt haben.',
  awaitingBySms: 'Sobald sie entschieden haben, schicken wir eine SMS an die Telefonnummer, die Sie bestätigt haben.',
  awaitingNoNotice:
    'Über die Entscheidung erhalten Sie keine Nachricht. Versuchen Sie später, sich mit Ihrem Benutzernamen und Passwort anzumelden: Sobald das klappt, ist Ihr Konto freigegeben.',
  awaitingClose: 'Sie müssen nichts mehr ausfüllen und können diese Seite schließen.',
  awaitingClosedHeading: 'Diese Registrierung wartet nicht mehr',
  awaitingClosedBody:
    'Über sie wurde entschieden, oder die Frist dafür ist abgelaufen. Wurde sie freigegeben, melden Sie sich mit Ihrem Benutzernamen und Passwort an; andernfalls können Sie neu beginnen.',

  // Done
  doneHeading: 'Ihr Konto ist bereit',
  doneIntro: 'Willkommen! Ihre Matrix-ID lautet:',
  doneElementWeb: 'Element im Browser öffnen',
  doneHomeserver: 'Melden Sie sich in Element X oder einer anderen Matrix-App mit diesem Homeserver an:',
  doneMatrixTo: 'Ihre Matrix-ID teilen',
  doneAgain: 'Ein weiteres Konto erstellen',

  // Page-level refusals
  csrfHeading: 'Dieses Formular ist abgelaufen',
  csrfBody: 'Zu Ihrer Sicherheit wurde das Formular nicht gesendet. Gehen Sie zurück zum Anfang und versuchen Sie es erneut.',
  disabledHeading: 'Die Registrierung ist geschlossen',
  disabledBody: 'Dieser Server nimmt zurzeit keine neuen Konten an. Fragen Sie die Betreiber, ab wann es wieder möglich ist.',
  notFoundHeading: 'Seite nicht gefunden',
  deniedNetworkHeading: 'Aus Ihrem Netz nicht verfügbar',
  deniedNetworkBody:
    'Die Registrierung ist für das Netz, über das Sie verbunden sind, nicht geöffnet. Versuchen Sie es über eine andere Verbindung oder wenden Sie sich an die Betreiber des Servers, wenn Sie das für einen Irrtum halten.',
  retryInSeconds: '{seconds} Sekunden',
  retryInMinutes: '{minutes} Minuten',

  // One sentence per Matrix error the engine can give
  M_FORBIDDEN:
    'Das ist auf diesem Server nicht erlaubt. Wenn Sie meinen, dass es erlaubt sein sollte, wenden Sie sich an die Betreiber des Servers.',
  M_UNRECOGNIZED: 'Etwas in diesem Schritt wurde nicht verstanden. Beginnen Sie bitte von vorn.',
  M_NOT_JSON: 'Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es erneut.',
  M_BAD_JSON: 'Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es erneut.',
  M_MISSING_PARAM: 'Es fehlt eine Angabe. Füllen Sie jedes Feld aus und fahren Sie dann fort.',
  M_INVALID_PARAM: 'Das sieht nicht richtig aus. Prüfen Sie Ihre Eingabe und versuchen Sie es erneut.',
  M_UNAUTHORIZED: 'Das wurde nicht angenommen. Prüfen Sie Ihre Eingabe und versuchen Sie es erneut.',
  M_USER_IN_USE: 'Dieser Benutzername ist schon vergeben. Wählen Sie einen anderen.',
  M_INVALID_USERNAME: 'Dieser Benutzername ist nicht möglich. Verwenden Sie nur Kleinbuchstaben, Ziffern und . _ - = /',
  M_EXCLUSIVE: 'Dieser Benutzername ist reserviert. Wählen Sie einen anderen.',
  M_WEAK_PASSWORD:
    'Dieses Passwort ist zu schwach. Wählen Sie ein längeres, zum Beispiel aus einigen Wörtern, die nichts miteinander zu tun haben.',
  M_GUEST_ACCESS_FORBIDDEN: 'Gastkonten gibt es hier nicht. Erstellen Sie stattdessen ein vollständiges Konto.',
  M_LIMIT_EXCEEDED: 'Zu viele Versuche. Warten Sie {wait} und versuchen Sie es dann erneut.',
  M_TOO_LARGE: 'Ihre Eingabe ist zu lang. Kürzen Sie sie und versuchen Sie es erneut.',
  M_THREEPID_IN_USE:
    'Diese Adresse gehört bereits zu einem Konto. Melden Sie sich mit diesem Konto an oder verwenden Sie eine andere Adresse.',
  M_THREEPID_DENIED: 'Mit dieser Adresse ist hier keine Registrierung möglich. Verwenden Sie eine andere.',
  M_THREEPID_MEDIUM_NOT_SUPPORTED:
    'Dieser Server kann diese Art von Adresse gerade nicht prüfen. Wählen Sie einen anderen Weg, sich zu registrieren.',
  M_THREEPID_AUTH_FAILED:
    'Die Bestätigung passt nicht zu dieser Registrierung. Lassen Sie sich eine neue senden und verwenden Sie die neueste.',
  M_SESSION_EXPIRED: 'Ihre Registrierung hat zu lange gedauert und ist abgelaufen. Beginnen Sie bitte neu.',
  M_NOT_FOUND: 'Das wurde nicht gefunden. Prüfen Sie Ihre Eingabe und versuchen Sie es erneut.',
  M_CAPTCHA_NEEDED: 'Führen Sie die Prüfung durch und fahren Sie dann fort.',
  M_CAPTCHA_INVALID: 'Die Prüfung ist nicht gelungen. Versuchen Sie es noch einmal.',
  M_MISSING_TOKEN: 'Ihre Registrierung ist abgelaufen. Beginnen Sie bitte neu.',
  M_UNKNOWN_TOKEN: 'Ihre Registrierung ist abgelaufen. Beginnen Sie bitte neu.',
  M_UNKNOWN: 'Bei uns ist etwas schiefgegangen. Warten Sie einen Moment und versuchen Sie es dann erneut.',
  M_USER_AWAITING_APPROVAL:
    'Ihre Registrierung ist abgeschlossen und wartet nun auf die Freigabe durch die Betreiber des Servers. Wir benachrichtigen Sie per E-Mail oder SMS, sobald entschieden ist.',
  errorRegistrationDisabled:
    'Die Registrierung auf diesem Server ist zurzeit geschlossen. Fragen Sie die Betreiber, ab wann sie wieder möglich ist.',
  errorUnknownSession: 'Ihre Registrierung ist abgelaufen oder wurde nicht gefunden. Beginnen Sie bitte neu.',
  errorUnavailable: 'Der Server ist ausgelastet oder kurz nicht erreichbar. Warten Sie {wait} und versuchen Sie es dann erneut.',
  errorTokenInvalid:
    'Dieser Einladungscode ist ungültig, aufgebraucht oder abgelaufen. Prüfen Sie ihn oder bitten Sie um eine neue Einladung.',
  errorEmailInvalid: 'Diese E-Mail-Adresse können wir nicht verwenden. Prüfen Sie sie und versuchen Sie es erneut.',
  errorPhoneInvalid: 'Diese Telefonnummer passt nicht zum gewählten Land. Prüfen Sie beides und versuchen Sie es erneut.',
  errorGateFirst: 'Schließen Sie zuerst den vorherigen Schritt Ihrer Registrierung ab und fordern Sie den Code dann erneut an.',

  // What a sign-up sends (web/messages.ts)
  mailSubject: 'Bestätigen Sie Ihre E-Mail-Adresse für {brand}',
  mailGreeting: 'Guten Tag,',
  mailIntro: 'Jemand – hoffentlich Sie – erstellt mit dieser E-Mail-Adresse ein Konto bei {brand}.',
  mailOpenLink: 'Um die Adresse zu bestätigen, öffnen Sie bitte innerhalb von {minutes} Minuten diesen Link:',
  mailIgnore: 'Falls Sie das nicht waren, können Sie diese E-Mail ignorieren: Mit Ihrer Adresse wird kein Konto erstellt.',
  mailIntroAdd: 'Jemand – hoffentlich Sie – möchte diese E-Mail-Adresse zu einem Konto bei {brand} hinzufügen.',
  mailIgnoreAdd: 'Falls Sie das nicht waren, können Sie diese E-Mail ignorieren: Ihre Adresse wird keinem Konto hinzugefügt.',
  mailHeading: 'Bestätigen Sie Ihre E-Mail-Adresse',
  mailButton: 'Meine Adresse bestätigen',
  mailLinkFallback:
    'Der Link ist {minutes} Minuten lang gültig. Falls die Schaltfläche nicht funktioniert, kopieren Sie bitte diese Adresse in Ihren Browser:',
  smsCode: '{code} ist Ihr Bestätigungscode für {brand}. Er ist {minutes} Minuten lang gültig.',
  inUseMailSubject: 'Registrierungsversuch bei {brand}',
  inUseMailBody: `Jemand hat versucht, mit dieser E-Mail-Adresse ein neues Konto bei {brand} zu erstellen. Die Adresse gehört aber bereits zu einem Konto.
Es wurde nichts geändert. Falls Sie das waren, melden Sie sich bitte mit Ihrem bestehenden Konto an (dort können Sie auch Ihr Passwort zurücksetzen).
Falls Sie es nicht waren, können Sie diese E-Mail ignorieren.`,
  inUseSms:
    'Jemand hat versucht, mit dieser Nummer ein Konto bei {brand} zu erstellen, doch sie gehört bereits zu einem Konto. Falls Sie das nicht waren, ignorieren Sie diese Nachricht bitte.',
  inUseAddMailSubject: 'Versuch, eine Adresse hinzuzufügen, bei {brand}',
  inUseAddMailBody: `Jemand wollte diese E-Mail-Adresse einem Konto bei {brand} hinzufügen, sie gehört aber bereits zu einem Konto.
Es wurde nichts geändert. Falls Sie das nicht waren, können Sie diese E-Mail ignorieren.`,
  inUseAddSms:
    'Jemand wollte diese Nummer einem Konto bei {brand} hinzufügen, sie gehört aber bereits zu einem Konto. Es wurde nichts geändert. Falls Sie das nicht waren, ignorieren Sie diese Nachricht bitte.',

  // Entscheidungen über eine Registrierung, die auf Freigabe wartete (web/approval-messages.ts)
  approvedSubject: 'Ihr {brand}-Konto ist bereit',
  approvedBody: `Ihre Registrierung bei {brand} wurde freigegeben, Ihr Konto {userId} ist bereit.
Melden Sie sich mit dem Benutzernamen {username} und dem Passwort an, das Sie bei der Registrierung gewählt haben.`,
  approvedSms: 'Ihr {brand}-Konto {userId} ist bereit. Melden Sie sich mit dem Benutzernamen {username} und Ihrem Passwort an.',
  deniedSubject: 'Ihre Registrierung bei {brand}',
  deniedBody: `Ihre Registrierung bei {brand} wurde nicht freigegeben; es wurde kein Konto angelegt. Ihr gewähltes Passwort wurde gelöscht.`,
  deniedReason: 'Der angegebene Grund: {reason}',
  deniedSms: 'Ihre Registrierung bei {brand} wurde nicht freigegeben; es wurde kein Konto angelegt.',

  usernameAvailable: 'Dieser Benutzername ist frei.',
  usernameChecking: 'Es wird geprüft, ob dieser Benutzername frei ist…',
  passwordStrengthMeter: 'Passwortstärke',
  passwordStrength: 'Passwortstärke: {level}.',
  strengthVeryWeak: 'sehr schwach',
  strengthWeak: 'schwach',
  strengthFair: 'mittel',
  strengthGood: 'gut',
  strengthStrong: 'stark',
  // What weakens a password most, as the strength meter says it (policy/password-strength.ts)
  strengthWarningStraightRow: 'Eine Tastenreihe der Tastatur wird mit als Erstes ausprobiert.',
  strengthWarningKeyPattern: 'Ein kurzes Muster auf der Tastatur ist leicht zu erraten.',
  strengthWarningSimpleRepeat: 'Ein wiederholtes Zeichen wie „aaa“ ist leicht zu erraten.',
  strengthWarningExtendedRepeat: 'Eine wiederholte Gruppe wie „abcabc“ ist leicht zu erraten.',
  strengthWarningSequences: 'Eine Folge wie „abc“ oder „123“ ist leicht zu erraten.',
  strengthWarningRecentYears: 'Ein Jahr aus jüngster Zeit ist leicht zu erraten.',
  strengthWarningDates: 'Ein Datum ist leicht zu erraten.',
  strengthWarningTopTen: 'Dies ist eines der meistbenutzten Passwörter überhaupt.',
  strengthWarningTopHundred: 'Dies ist ein sehr häufig benutztes Passwort.',
  strengthWarningCommon: 'Dies ist ein häufig benutztes Passwort.',
  strengthWarningSimilarToCommon: 'Dies ähnelt einem häufig benutzten Passwort.',
  strengthWarningWordByItself: 'Ein einzelnes Wort ist leicht zu erraten; fügen Sie weitere Wörter hinzu.',
  strengthWarningNamesByThemselves: 'Ein Name allein ist leicht zu erraten.',
  strengthWarningCommonNames: 'Häufige Vor- und Nachnamen sind leicht zu erraten.',
  strengthWarningUserInputs: 'Lassen Sie Ihren Benutzernamen und den Namen dieses Servers weg.',
  passwordsMatch: 'Die beiden Passwörter stimmen überein.',

  // Password reset (the "Forgot password" page, http/routes/forgot-password*.ts; its mail and SMS, web/messages.ts)
  M_THREEPID_NOT_FOUND: 'Kein Konto verwendet diese Adresse. Prüfen Sie sie oder verwenden Sie die Adresse Ihres Kontos.',
  forgotLink: 'Passwort vergessen?',
  resetHeading: 'Passwort zurücksetzen',
  resetIntroEmail: 'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden einen Link, mit dem Sie ein neues Passwort wählen.',
  resetIntroPhone: 'Geben Sie die Telefonnummer Ihres Kontos ein. Wir senden per SMS einen Code, mit dem Sie ein neues Passwort wählen.',
  resetUsePhone: 'Stattdessen eine Telefonnummer verwenden',
  resetUseEmail: 'Stattdessen eine E-Mail-Adresse verwenden',
  resetSend: 'Senden',
  resetEmailSentBody:
    'Falls ein Konto {address} verwendet, haben wir einen Link dorthin gesendet. Öffnen Sie ihn in diesem Browser, um ein neues Passwort zu wählen. Er gilt {minutes} Minuten.',
  resetCodeHint: 'Falls ein Konto {number} verwendet, haben wir einen Code per SMS gesendet.',
  resetPasswordHeading: 'Neues Passwort wählen',
  newPasswordLabel: 'Neues Passwort',
  resetLogoutLabel: 'Mich auf allen anderen Geräten abmelden',
  resetLogoutHint: 'Empfohlen, falls jemand anderes Ihr altes Passwort kennen könnte. Jedes Gerät fragt dann nach dem neuen.',
  resetSubmit: 'Passwort ändern',
  resetDoneHeading: 'Ihr Passwort ist geändert',
  resetDoneBody: 'Melden Sie sich mit Ihrer Matrix-ID und Ihrem neuen Passwort an.',
  resetDoneLoggedOut: 'Ihre anderen Geräte wurden abgemeldet. Melden Sie sich auf jedem mit dem neuen Passwort wieder an.',
  resetLinkInvalid:
    'Dieser Link gehört nicht zu dieser Passwort-Zurücksetzung. Öffnen Sie den Link aus der neuesten E-Mail im selben Browser.',
  resetConfirmedElsewhere:
    'Ihre Adresse ist bestätigt. Kehren Sie zu dem Browser zurück, in dem Sie das Zurücksetzen angefordert haben, um ein neues Passwort zu wählen.',
  resetStartAgain: 'Diese Passwort-Zurücksetzung kann nicht mehr verwendet werden. Beginnen Sie von vorn.',
  resetMailSubject: 'Ihr Passwort bei {brand} zurücksetzen',
  resetMailIntro: 'Jemand, hoffentlich Sie, möchte das Passwort des Kontos bei {brand} zurücksetzen, das diese E-Mail-Adresse verwendet.',
  resetMailOpenLink: 'Um ein neues Passwort zu wählen, öffnen Sie diesen Link innerhalb von {minutes} Minuten:',
  resetMailIgnore: 'Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
  resetMailHeading: 'Passwort zurücksetzen',
  resetMailButton: 'Neues Passwort wählen',
  resetSmsCode:
    '{code} ist Ihr Code zum Zurücksetzen des Passworts bei {brand}. Er läuft in {minutes} Minuten ab. Falls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht.',
  resetUnknownMailSubject: 'Passwort-Zurücksetzung bei {brand}',
  resetUnknownMailBody:
    'Jemand wollte bei {brand} ein Passwort für diese E-Mail-Adresse zurücksetzen, aber kein Konto verwendet sie. Es wurde nichts geändert.\nFalls Sie es waren, verwendet Ihr Konto vielleicht eine andere Adresse. Falls nicht, können Sie diese E-Mail ignorieren.',
  resetUnknownSms:
    'Jemand wollte ein Passwort bei {brand} für diese Nummer zurücksetzen, aber kein Konto verwendet sie. Es wurde nichts geändert. Falls Sie es nicht waren, ignorieren Sie diese Nachricht.',
};
