/** The sign-up page's words in French (« vous »), key for key as in `en.ts`. */
import type { Messages } from './en.js';

export const fr: Messages = {
  // The language itself
  lang: 'fr',
  dir: 'ltr',
  languageName: 'Français',
  languageSwitcher: 'Langue',

  // Every page
  pageTitle: 'Créer votre compte {brand}',
  supportLink: 'Besoin d’aide ?',
  stepOf: 'Étape {current} sur {total}',
  continue: 'Continuer',
  back: 'Recommencer',
  errorSummary: 'Veuillez vérifier le champ signalé ci-dessous.',

  // Choosing a flow
  flowHeading: 'Comment souhaitez-vous vous inscrire ?',
  flowIntro: 'Choisissez l’une de ces possibilités. Vous pouvez recommencer à tout moment.',
  flowInvitation: 'Avec une invitation',
  flowEmail: 'Avec votre adresse e-mail',
  flowPhone: 'Avec votre numéro de téléphone',
  flowCaptcha: 'En confirmant que vous êtes une personne',
  flowSimple: 'Avec un simple nom d’utilisateur',
  flowCombined: '{first}, puis {rest}',

  // Username and password
  accountHeading: 'Choisissez un nom d’utilisateur et un mot de passe',
  usernameLabel: 'Nom d’utilisateur',
  usernameHint: 'Votre identifiant Matrix sera {example}. Utilisez des lettres minuscules, des chiffres et . _ - = /',
  passwordLabel: 'Mot de passe',
  passwordHint: 'Au moins {min} caractères. Quelques mots sans rapport entre eux font un mot de passe solide.',
  passwordConfirmLabel: 'Confirmez le mot de passe',
  displayNameLabel: 'Nom d’affichage (facultatif)',
  displayNameHint: 'Ce que les autres voient de vous dans les discussions. Vous pourrez le changer plus tard.',
  displayNameTooLong: 'Votre nom d’affichage ne peut dépasser {max} caractères.',
  passwordMismatch: 'Les deux mots de passe ne sont pas identiques. Saisissez le même mot de passe dans les deux champs.',
  usernameSuggestions: 'Ces noms sont libres :',

  // Terms
  termsHeading: 'Acceptez les conditions',
  termsIntro: 'Veuillez lire ces documents. Cochez chacun d’eux pour l’accepter.',
  termsAccept: 'J’accepte : {policy} (version {version})',
  termsMissing: 'Cochez chaque document pour l’accepter, puis continuez.',

  // Captcha
  captchaHeading: 'Confirmez que vous êtes une personne',
  captchaIntro: 'Effectuez la vérification ci-dessous, puis continuez.',
  captchaNoScript: 'Cette vérification a besoin de JavaScript. Activez-le pour cette page, puis rechargez-la.',

  // Registration token
  tokenHeading: 'Votre invitation',
  tokenLabel: 'Code d’invitation',
  tokenHint: 'Le code indiqué dans votre invitation. Si vous avez ouvert un lien d’invitation, il est déjà rempli.',

  // Email
  emailHeading: 'Votre adresse e-mail',
  emailLabel: 'Adresse e-mail',
  emailHint: 'Nous envoyons un lien à cette adresse pour confirmer qu’elle est bien la vôtre.',
  emailSent: 'Consultez votre messagerie',
  emailSentBody:
    'Nous avons envoyé un lien à {address}. Ouvrez-le sur cet appareil pour poursuivre votre inscription. Il reste valable {minutes} minutes.',
  emailResend: 'Renvoyer l’e-mail',
  emailResent: 'Nous avons envoyé un nouvel e-mail. Utilisez le lien du plus récent.',
  emailChange: 'Utiliser une autre adresse',
  emailNotYet: 'Votre adresse n’est pas encore confirmée. Ouvrez le lien de l’e-mail que nous avons envoyé, puis continuez.',
  emailContinue: 'J’ai ouvert le lien',

  // Phone
  phoneHeading: 'Votre numéro de téléphone',
  countryLabel: 'Pays',
  phoneLabel: 'Numéro de téléphone',
  phoneHint: 'Nous envoyons un code par SMS à ce numéro.',
  codeHeading: 'Saisissez le code',
  codeLabel: 'Code',
  codeHint: 'Nous avons envoyé un code par SMS au {number}.',
  codeWrong: 'Ce code n’est pas le bon. Vérifiez le SMS et saisissez à nouveau le code.',
  codeLocked: 'Ce code a été essayé trop de fois. Demandez un nouveau code et utilisez celui-ci.',
  codeExpired: 'Ce code a expiré. Demandez un nouveau code et utilisez celui-ci.',
  codeResend: 'Envoyer un nouveau code',

  // The link from the mail
  confirmedElsewhereHeading: 'Adresse confirmée',
  confirmedElsewhereBody:
    'Votre adresse est confirmée. Retournez dans le navigateur où vous avez commencé votre inscription pour la terminer.',
  linkInvalid:
    'Ce lien de confirmation ne correspond pas à cette inscription. Ouvrez le lien du dernier e-mail reçu, dans le même navigateur.',

  // En attente de validation
  awaitingHeading: 'En attente de validation',
  awaitingIntro:
    'Votre inscription est terminée. Avant que vous puissiez utiliser votre compte, les administrateurs de ce serveur doivent la valider.',
  awaitingByEmail: 'Nous enverrons un e-mail à l’adresse que vous avez confirmée dès qu’ils auront décidé.',
  awaitingBySms: 'Nous enverrons un SMS au numéro de téléphone que vous avez confirmé dès qu’ils auront décidé.',
  awaitingNoNotice:
    'Vous ne recevrez pas de message sur leur décision. Essayez plus tard de vous connecter avec votre nom d’utilisateur et votre mot de passe : si cela fonctionne, votre compte a été validé.',
  awaitingClose: 'Il n’y a plus rien à remplir : vous pouvez fermer cette page.',
  awaitingClosedHeading: 'Cette inscription n’est plus en attente',
  awaitingClosedBody:
    'Une décision a été prise, ou le délai pour la prendre est écoulé. Si elle a été validée, connectez-vous avec votre nom d’utilisateur et votre mot de passe ; sinon, vous pouvez recommencer.',

  // Done
  doneHeading: 'Votre compte est prêt',
  doneIntro: 'Bienvenue ! Votre identifiant Matrix est :',
  doneElementWeb: 'Ouvrir Element dans votre navigateur',
  doneHomeserver: 'Dans Element X ou toute autre application Matrix, connectez-vous avec ce serveur d’accueil :',
  doneMatrixTo: 'Partager votre identifiant Matrix',
  doneAgain: 'Créer un autre compte',

  // Page-level refusals
  csrfHeading: 'Ce formulaire a expiré',
  csrfBody: 'Pour votre sécurité, le formulaire n’a pas pu être envoyé. Revenez au début et réessayez.',
  disabledHeading: 'Les inscriptions sont fermées',
  disabledBody:
    'Ce serveur n’accepte pas de nouveaux comptes pour le moment. Demandez à ses responsables quand les inscriptions rouvriront.',
  notFoundHeading: 'Page introuvable',
  deniedNetworkHeading: 'Indisponible depuis votre réseau',
  deniedNetworkBody:
    'Les inscriptions ne sont pas ouvertes au réseau depuis lequel vous vous connectez. Essayez une autre connexion, ou contactez les responsables du serveur si vous pensez qu’il s’agit d’une erreur.',
  retryInSeconds: '{seconds} secondes',
  retryInMinutes: '{minutes} minutes',

  // One sentence per Matrix error the engine can give
  M_FORBIDDEN: 'Ce n’est pas autorisé sur ce serveur. Si vous pensez que cela devrait l’être, contactez les responsables du serveur.',
  M_UNRECOGNIZED: 'Une partie de cette étape n’a pas été comprise. Recommencez depuis le début.',
  M_NOT_JSON: 'Le formulaire n’a pas pu être lu. Rechargez la page et réessayez.',
  M_BAD_JSON: 'Le formulaire n’a pas pu être lu. Rechargez la page et réessayez.',
  M_MISSING_PARAM: 'Il manque une information. Remplissez chaque champ, puis continuez.',
  M_INVALID_PARAM: 'Ceci ne semble pas correct. Vérifiez votre saisie et réessayez.',
  M_UNAUTHORIZED: 'Ceci n’a pas été accepté. Vérifiez votre saisie et réessayez.',
  M_USER_IN_USE: 'Ce nom d’utilisateur est déjà pris. Choisissez-en un autre.',
  M_INVALID_USERNAME:
    'Ce nom d’utilisateur ne peut pas être utilisé. Utilisez uniquement des lettres minuscules, des chiffres et . _ - = /',
  M_EXCLUSIVE: 'Ce nom d’utilisateur est réservé. Choisissez-en un autre.',
  M_WEAK_PASSWORD: 'Ce mot de passe est trop faible. Choisissez-en un plus long, par exemple quelques mots sans rapport entre eux.',
  M_GUEST_ACCESS_FORBIDDEN: 'Les comptes invités ne sont pas proposés ici. Créez plutôt un compte complet.',
  M_LIMIT_EXCEEDED: 'Trop de tentatives. Attendez {wait}, puis réessayez.',
  M_TOO_LARGE: 'Votre saisie est trop longue. Raccourcissez-la et réessayez.',
  M_THREEPID_IN_USE: 'Cette adresse appartient déjà à un compte. Connectez-vous avec ce compte ou utilisez une autre adresse.',
  M_THREEPID_DENIED: 'Cette adresse ne permet pas de s’inscrire ici. Utilisez-en une autre.',
  M_THREEPID_MEDIUM_NOT_SUPPORTED:
    'Ce serveur ne peut pas vérifier ce type d’adresse pour le moment. Choisissez une autre façon de vous inscrire.',
  M_THREEPID_AUTH_FAILED:
    'Nous n’avons pas pu rattacher la confirmation à cette inscription. Demandez-en une nouvelle et utilisez la plus récente.',
  M_SESSION_EXPIRED: 'Votre inscription a pris trop de temps et a expiré. Recommencez.',
  M_NOT_FOUND: 'Élément introuvable. Vérifiez votre saisie et réessayez.',
  M_CAPTCHA_NEEDED: 'Effectuez la vérification, puis continuez.',
  M_CAPTCHA_INVALID: 'La vérification n’a pas abouti. Réessayez.',
  M_MISSING_TOKEN: 'Votre inscription a expiré. Recommencez.',
  M_UNKNOWN_TOKEN: 'Votre inscription a expiré. Recommencez.',
  M_UNKNOWN: 'Un problème est survenu de notre côté. Patientez un instant, puis réessayez.',
  M_USER_AWAITING_APPROVAL:
    "Votre inscription est terminée et attend maintenant l'accord des opérateurs du serveur. Nous vous préviendrons par e-mail ou par SMS dès qu'ils auront décidé.",
  errorRegistrationDisabled:
    'Les inscriptions sont fermées sur ce serveur pour le moment. Demandez à ses responsables quand elles rouvriront.',
  errorUnknownSession: 'Votre inscription a expiré ou est introuvable. Recommencez.',
  errorUnavailable: 'Le serveur est occupé ou momentanément injoignable. Attendez {wait}, puis réessayez.',
  errorTokenInvalid: 'Ce code d’invitation n’est pas valable, a déjà servi ou a expiré. Vérifiez-le ou demandez une nouvelle invitation.',
  errorEmailInvalid: 'Nous ne pouvons pas utiliser cette adresse e-mail. Vérifiez-la et réessayez.',
  errorPhoneInvalid: 'Ce numéro de téléphone n’est pas valable pour le pays choisi. Vérifiez les deux et réessayez.',
  errorGateFirst: 'Terminez d’abord l’étape précédente de votre inscription, puis redemandez le code.',

  // What a sign-up sends (web/messages.ts)
  mailSubject: 'Confirmez votre adresse e-mail pour {brand}',
  mailGreeting: 'Bonjour,',
  mailIntro: 'Quelqu’un, vous nous l’espérons, crée un compte sur {brand} avec cette adresse e-mail.',
  mailOpenLink: 'Pour la confirmer, ouvrez ce lien dans les {minutes} minutes :',
  mailIgnore: 'Si ce n’était pas vous, ignorez ce message : aucun compte ne sera créé avec votre adresse.',
  mailIntroAdd: 'Quelqu’un, vous nous l’espérons, souhaite ajouter cette adresse e-mail à un compte sur {brand}.',
  mailIgnoreAdd: 'Si ce n’était pas vous, ignorez ce message : votre adresse ne sera ajoutée à aucun compte.',
  mailHeading: 'Confirmez votre adresse e-mail',
  mailButton: 'Confirmer mon adresse',
  mailLinkFallback: 'Ce lien est valable {minutes} minutes. Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  smsCode: '{code} est votre code de vérification {brand}. Il expire dans {minutes} minutes.',
  inUseMailSubject: 'Tentative d’inscription sur {brand}',
  inUseMailBody: `Quelqu’un a essayé de créer un nouveau compte sur {brand} avec cette adresse e-mail, qui appartient déjà à un compte.
Rien n’a été modifié. Si c’était vous, connectez-vous plutôt avec votre compte existant (vous pourrez y réinitialiser votre mot de passe).
Si ce n’était pas vous, vous pouvez ignorer ce message.`,
  inUseSms: 'Quelqu’un a essayé de créer un compte {brand} avec ce numéro, qui en a déjà un. Si ce n’était pas vous, ignorez ce message.',
  inUseAddMailSubject: 'Tentative d’ajout d’une adresse sur {brand}',
  inUseAddMailBody: `Quelqu’un a demandé à ajouter cette adresse e-mail à un compte {brand}, mais elle appartient déjà à un compte.
Rien n’a été modifié. Si ce n’était pas vous, vous pouvez ignorer ce message.`,
  inUseAddSms:
    'Quelqu’un a demandé à ajouter ce numéro à un compte {brand}, mais il appartient déjà à un compte. Rien n’a été modifié. Si ce n’était pas vous, ignorez ce message.',

  // Décisions sur une inscription en attente d'accord (web/approval-messages.ts)
  approvedSubject: 'Votre compte {brand} est prêt',
  approvedBody: `Votre inscription sur {brand} a été acceptée et votre compte {userId} est prêt.
Connectez-vous avec le nom d'utilisateur {username} et le mot de passe choisi lors de l'inscription.`,
  approvedSms: "Votre compte {brand} {userId} est prêt. Connectez-vous avec le nom d'utilisateur {username} et votre mot de passe.",
  deniedSubject: 'Votre inscription sur {brand}',
  deniedBody: `Votre inscription sur {brand} n'a pas été acceptée et aucun compte n'a été créé. Le mot de passe choisi a été supprimé.`,
  deniedReason: 'Motif indiqué : {reason}',
  deniedSms: "Votre inscription sur {brand} n'a pas été acceptée ; aucun compte n'a été créé.",

  usernameAvailable: 'Ce nom d’utilisateur est disponible.',
  usernameChecking: 'Vérification de la disponibilité de ce nom d’utilisateur…',
  passwordStrengthMeter: 'Robustesse du mot de passe',
  passwordStrength: 'Robustesse du mot de passe : {level}.',
  strengthVeryWeak: 'très faible',
  strengthWeak: 'faible',
  strengthFair: 'moyenne',
  strengthGood: 'bonne',
  strengthStrong: 'excellente',
  // What weakens a password most, as the strength meter says it (policy/password-strength.ts)
  strengthWarningStraightRow: 'Une rangée de touches du clavier fait partie des premiers essais.',
  strengthWarningKeyPattern: 'Un court motif sur le clavier est facile à deviner.',
  strengthWarningSimpleRepeat: 'Un caractère répété, comme « aaa », est facile à deviner.',
  strengthWarningExtendedRepeat: 'Un groupe répété, comme « abcabc », est facile à deviner.',
  strengthWarningSequences: 'Une suite comme « abc » ou « 123 » est facile à deviner.',
  strengthWarningRecentYears: 'Une année récente est facile à deviner.',
  strengthWarningDates: 'Une date est facile à deviner.',
  strengthWarningTopTen: 'C’est l’un des mots de passe les plus utilisés qui soient.',
  strengthWarningTopHundred: 'C’est un mot de passe très souvent utilisé.',
  strengthWarningCommon: 'C’est un mot de passe courant.',
  strengthWarningSimilarToCommon: 'Il ressemble à un mot de passe courant.',
  strengthWarningWordByItself: 'Un mot seul est facile à deviner ; ajoutez-en d’autres.',
  strengthWarningNamesByThemselves: 'Un nom seul est facile à deviner.',
  strengthWarningCommonNames: 'Les prénoms et noms de famille courants sont faciles à deviner.',
  strengthWarningUserInputs: 'N’y mettez ni votre nom d’utilisateur ni le nom de ce serveur.',
  passwordsMatch: 'Les deux mots de passe sont identiques.',

  // Password reset (the "Forgot password" page, http/routes/forgot-password*.ts; its mail and SMS, web/messages.ts)
  M_THREEPID_NOT_FOUND: 'Aucun compte n’utilise cette adresse. Vérifiez-la, ou utilisez l’adresse de votre compte.',
  forgotLink: 'Mot de passe oublié ?',
  resetHeading: 'Réinitialiser votre mot de passe',
  resetIntroEmail: 'Saisissez l’adresse e-mail de votre compte. Nous y envoyons un lien pour choisir un nouveau mot de passe.',
  resetIntroPhone:
    'Saisissez le numéro de téléphone de votre compte. Nous y envoyons un code par SMS pour choisir un nouveau mot de passe.',
  resetUsePhone: 'Utiliser plutôt un numéro de téléphone',
  resetUseEmail: 'Utiliser plutôt une adresse e-mail',
  resetSend: 'Envoyer',
  resetEmailSentBody:
    'Si un compte utilise {address}, nous y avons envoyé un lien. Ouvrez-le dans ce navigateur pour choisir un nouveau mot de passe. Il est valable {minutes} minutes.',
  resetCodeHint: 'Si un compte utilise {number}, nous y avons envoyé un code par SMS.',
  resetPasswordHeading: 'Choisissez un nouveau mot de passe',
  newPasswordLabel: 'Nouveau mot de passe',
  resetLogoutLabel: 'Me déconnecter de tous mes autres appareils',
  resetLogoutHint: 'Recommandé si quelqu’un d’autre peut connaître votre ancien mot de passe. Chaque appareil demandera alors le nouveau.',
  resetSubmit: 'Changer mon mot de passe',
  resetDoneHeading: 'Votre mot de passe est changé',
  resetDoneBody: 'Connectez-vous avec votre identifiant Matrix et votre nouveau mot de passe.',
  resetDoneLoggedOut: 'Vos autres appareils ont été déconnectés. Reconnectez-vous sur chacun avec le nouveau mot de passe.',
  resetLinkInvalid: 'Ce lien n’appartient pas à cette réinitialisation. Ouvrez le lien du dernier e-mail dans le même navigateur.',
  resetConfirmedElsewhere:
    'Votre adresse est confirmée. Revenez au navigateur où vous avez demandé la réinitialisation pour choisir un nouveau mot de passe.',
  resetStartAgain: 'Cette réinitialisation ne peut plus être utilisée. Recommencez.',
  resetMailSubject: 'Réinitialisez votre mot de passe {brand}',
  resetMailIntro:
    'Quelqu’un, vous sans doute, a demandé à réinitialiser le mot de passe du compte {brand} qui utilise cette adresse e-mail.',
  resetMailOpenLink: 'Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {minutes} minutes :',
  resetMailIgnore: 'Si ce n’était pas vous, ignorez cet e-mail : votre mot de passe reste inchangé.',
  resetMailHeading: 'Réinitialisez votre mot de passe',
  resetMailButton: 'Choisir un nouveau mot de passe',
  resetSmsCode:
    '{code} est votre code de réinitialisation du mot de passe {brand}. Il expire dans {minutes} minutes. Si vous ne l’avez pas demandé, ignorez ce message.',
  resetUnknownMailSubject: 'Réinitialisation du mot de passe sur {brand}',
  resetUnknownMailBody:
    'Quelqu’un a demandé à réinitialiser un mot de passe sur {brand} pour cette adresse e-mail, mais aucun compte ne l’utilise. Rien n’a été changé.\nSi c’était vous, votre compte utilise peut-être une autre adresse. Sinon, vous pouvez ignorer cet e-mail.',
  resetUnknownSms:
    'Quelqu’un a demandé à réinitialiser un mot de passe {brand} pour ce numéro, mais aucun compte ne l’utilise. Rien n’a été changé. Si ce n’était pas vous, ignorez ce message.',
};
