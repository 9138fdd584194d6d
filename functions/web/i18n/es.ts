/** The sign-up page's words in Spanish («usted»), key for key as in `en.ts`. */
import type { Messages } from './en.js';

export const es: Messages = {
  // The language itself
  lang: 'es',
  dir: 'ltr',
  languageName: 'Español',
  languageSwitcher: 'Idioma',

  // Every page
  pageTitle: 'Cree su cuenta de {brand}',
  supportLink: '¿Necesita ayuda?',
  stepOf: 'Paso {current} de {total}',
  continue: 'Continuar',
  back: 'Empezar de nuevo',
  errorSummary: 'Revise el campo señalado más abajo.',

  // Choosing a flow
  flowHeading: '¿Cómo desea registrarse?',
  flowIntro: 'Elija una de estas opciones. Puede empezar de nuevo en cualquier momento.',
  flowInvitation: 'Con una invitación',
  flowEmail: 'Con su dirección de correo electrónico',
  flowPhone: 'Con su número de teléfono',
  flowCaptcha: 'Confirmando que es una persona',
  flowSimple: 'Solo con un nombre de usuario',
  flowCombined: '{first} y después {rest}',

  // Username and password
  accountHeading: 'Elija un nombre de usuario y una contraseña',
  usernameLabel: 'Nombre de usuario',
  usernameHint: 'Su ID de Matrix será {example}. Use letras minúsculas, números y . _ - = /',
  passwordLabel: 'Contraseña',
  passwordHint: 'Al menos {min} caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.',
  passwordConfirmLabel: 'Repita la contraseña',
  displayNameLabel: 'Nombre visible (opcional)',
  displayNameHint: 'Cómo le ven los demás en los chats. Puede cambiarlo más tarde.',
  displayNameTooLong: 'Su nombre visible puede tener como máximo {max} caracteres.',
  passwordMismatch: 'Las dos contraseñas no coinciden. Escriba la misma contraseña en ambos campos.',
  usernameSuggestions: 'Estos nombres están libres:',

  // Terms
  termsHeading: 'Acepte las condiciones',
  termsIntro: 'Lea estos documentos. Marque cada uno para aceptarlo.',
  termsAccept: 'Acepto: {policy} (versión {version})',
  termsMissing: 'Marque cada documento para aceptarlo y después continúe.',

  // Captcha
  captchaHeading: 'Confirme que es una persona',
  captchaIntro: 'Complete la comprobación de abajo y después continúe.',
  captchaNoScript: 'Esta comprobación necesita JavaScript. Actívelo para esta página y vuelva a cargarla.',

  // Registration token
  tokenHeading: 'Su invitación',
  tokenLabel: 'Código de invitación',
  tokenHint: 'El código de su invitación. Si abrió un enlace de invitación, ya está rellenado.',

  // Email
  emailHeading: 'Su dirección de correo electrónico',
  emailLabel: 'Correo electrónico',
  emailHint: 'Enviaremos un enlace a esta dirección para confirmar que es suya.',
  emailSent: 'Revise su correo',
  emailSentBody:
    'Hemos enviado un enlace a {address}. Ábralo en este dispositivo para continuar con el registro. Es válido durante {minutes} minutos.',
  emailResend: 'Enviar el correo de nuevo',
  emailResent: 'Hemos enviado un correo nuevo. Use el enlace del más reciente.',
  emailChange: 'Usar otra dirección',
  emailNotYet: 'Su dirección aún no está confirmada. Abra el enlace del correo que le enviamos y después continúe.',
  emailContinue: 'Ya he abierto el enlace',

  // Phone
  phoneHeading: 'Su número de teléfono',
  countryLabel: 'País',
  phoneLabel: 'Número de teléfono',
  phoneHint: 'Enviaremos un código por SMS a este número.',
  codeHeading: 'Introduzca el código',
  codeLabel: 'Código',
  codeHint: 'Hemos enviado un código por SMS al {number}.',
  codeWrong: 'Ese código no es correcto. Revise el SMS y escriba el código de nuevo.',
  codeLocked: 'Este código se ha probado demasiadas veces. Pida un código nuevo y use ese.',
  codeExpired: 'Este código ha caducado. Pida un código nuevo y use ese.',
  codeResend: 'Enviar un código nuevo',

  // The link from the mail
  confirmedElsewhereHeading: 'Dirección confirmada',
  confirmedElsewhereBody: 'Su dirección está confirmada. Vuelva al navegador en el que empezó el registro para terminarlo.',
  linkInvalid: 'Este enlace de confirmación no corresponde a este registro. Abra el enlace del correo más reciente en el mismo navegador.',

  // Pendiente de aprobación
  awaitingHeading: 'Pendiente de aprobación',
  awaitingIntro: 'Su registro está completo. Antes de que pueda usar su cuenta, los administradores de este servidor deben aprobarla.',
  awaitingByEmail: 'Enviaremos un correo a la dirección que confirmó en cuanto hayan decidido.',
  awaitingBySms: 'Enviaremos un SMS al número de teléfono que confirmó en cuanto hayan decidido.',
  awaitingNoNotice:
    'No recibirá ningún mensaje sobre su decisión. Intente iniciar sesión más tarde con su nombre de usuario y contraseña: cuando funcione, su cuenta habrá sido aprobada.',
  awaitingClose: 'No hay nada más que rellenar: puede cerrar esta página.',
  awaitingClosedHeading: 'Este registro ya no está pendiente',
  awaitingClosedBody:
    'Ya se tomó una decisión, o se agotó el plazo para tomarla. Si se aprobó, inicie sesión con su nombre de usuario y contraseña; si no, puede empezar de nuevo.',

  // Done
  doneHeading: 'Su cuenta está lista',
  doneIntro: '¡Le damos la bienvenida! Su ID de Matrix es:',
  doneElementWeb: 'Abrir Element en el navegador',
  doneHomeserver: 'En Element X o en cualquier otra aplicación de Matrix, inicie sesión con este servidor:',
  doneMatrixTo: 'Compartir su ID de Matrix',
  doneAgain: 'Crear otra cuenta',

  // Page-level refusals
  csrfHeading: 'Este formulario ha caducado',
  csrfBody: 'Por su seguridad, el formulario no se ha enviado. Vuelva al principio e inténtelo de nuevo.',
  disabledHeading: 'El registro está cerrado',
  disabledBody: 'Este servidor no admite cuentas nuevas en este momento. Pregunte a sus responsables cuándo volverá a abrirse.',
  notFoundHeading: 'Página no encontrada',
  deniedNetworkHeading: 'No disponible desde su red',
  deniedNetworkBody:
    'El registro no está abierto a la red desde la que se conecta. Pruebe con otra conexión o contacte con los responsables del servidor si cree que se trata de un error.',
  retryInSeconds: '{seconds} segundos',
  retryInMinutes: '{minutes} minutos',

  // One sentence per Matrix error the engine can give
  M_FORBIDDEN: 'Esto no está permitido en este servidor. Si cree que debería estarlo, contacte con los responsables del servidor.',
  M_UNRECOGNIZED: 'No se ha entendido algo de este paso. Empiece de nuevo desde el principio.',
  M_NOT_JSON: 'No se ha podido leer el formulario. Vuelva a cargar la página e inténtelo de nuevo.',
  M_BAD_JSON: 'No se ha podido leer el formulario. Vuelva a cargar la página e inténtelo de nuevo.',
  M_MISSING_PARAM: 'Falta un dato. Rellene todos los campos y después continúe.',
  M_INVALID_PARAM: 'Esto no parece correcto. Revise lo que ha escrito e inténtelo de nuevo.',
  M_UNAUTHORIZED: 'No se ha aceptado. Revíselo e inténtelo de nuevo.',
  M_USER_IN_USE: 'Este nombre de usuario ya está ocupado. Elija otro.',
  M_INVALID_USERNAME: 'Este nombre de usuario no se puede usar. Use solo letras minúsculas, números y . _ - = /',
  M_EXCLUSIVE: 'Este nombre de usuario está reservado. Elija otro.',
  M_WEAK_PASSWORD: 'Esta contraseña es demasiado débil. Elija una más larga, por ejemplo unas cuantas palabras sin relación entre sí.',
  M_GUEST_ACCESS_FORBIDDEN: 'Aquí no se ofrecen cuentas de invitado. Cree una cuenta completa.',
  M_LIMIT_EXCEEDED: 'Demasiados intentos. Espere {wait} e inténtelo de nuevo.',
  M_TOO_LARGE: 'Lo que ha escrito es demasiado largo. Acórtelo e inténtelo de nuevo.',
  M_THREEPID_IN_USE: 'Esta dirección ya pertenece a una cuenta. Inicie sesión con esa cuenta o use otra dirección.',
  M_THREEPID_DENIED: 'Esta dirección no se puede usar para registrarse aquí. Use otra.',
  M_THREEPID_MEDIUM_NOT_SUPPORTED: 'Este servidor no puede comprobar este tipo de dirección ahora mismo. Elija otra forma de registrarse.',
  M_THREEPID_AUTH_FAILED: 'No hemos podido asociar la confirmación a este registro. Pida una nueva y use la más reciente.',
  M_SESSION_EXPIRED: 'Su registro ha tardado demasiado y ha caducado. Empiece de nuevo.',
  M_NOT_FOUND: 'No se ha encontrado. Revíselo e inténtelo de nuevo.',
  M_CAPTCHA_NEEDED: 'Complete la comprobación y después continúe.',
  M_CAPTCHA_INVALID: 'La comprobación no ha salido bien. Inténtelo de nuevo.',
  M_MISSING_TOKEN: 'Su registro ha caducado. Empiece de nuevo.',
  M_UNKNOWN_TOKEN: 'Su registro ha caducado. Empiece de nuevo.',
  M_UNKNOWN: 'Algo ha fallado por nuestra parte. Espere un momento e inténtelo de nuevo.',
  M_USER_AWAITING_APPROVAL:
    'Su registro está completo y ahora espera la aprobación de los operadores del servidor. Le avisaremos por correo electrónico o SMS cuando hayan decidido.',
  errorRegistrationDisabled:
    'El registro en este servidor está cerrado en este momento. Pregunte a sus responsables cuándo volverá a abrirse.',
  errorUnknownSession: 'Su registro ha caducado o no se ha encontrado. Empiece de nuevo.',
  errorUnavailable: 'El servidor está ocupado o no responde por un momento. Espere {wait} e inténtelo de nuevo.',
  errorTokenInvalid: 'Este código de invitación no es válido, ya se ha usado o ha caducado. Revíselo o pida una invitación nueva.',
  errorEmailInvalid: 'No podemos usar esta dirección de correo electrónico. Revísela e inténtelo de nuevo.',
  errorPhoneInvalid: 'Este número de teléfono no es válido para el país elegido. Revise ambos e inténtelo de nuevo.',
  errorGateFirst: 'Complete primero el paso anterior de su registro y después vuelva a pedir el código.',

  // What a sign-up sends (web/messages.ts)
  mailSubject: 'Confirme su dirección de correo electrónico para {brand}',
  mailGreeting: 'Hola:',
  mailIntro: 'Alguien, esperamos que usted, está creando una cuenta en {brand} con esta dirección de correo electrónico.',
  mailOpenLink: 'Para confirmarla, abra este enlace en los próximos {minutes} minutos:',
  mailIgnore: 'Si no ha sido usted, ignore este correo: no se creará ninguna cuenta con su dirección.',
  mailIntroAdd: 'Alguien, esperamos que usted, quiere añadir esta dirección de correo electrónico a una cuenta en {brand}.',
  mailIgnoreAdd: 'Si no ha sido usted, ignore este correo: su dirección no se añadirá a ninguna cuenta.',
  mailHeading: 'Confirme su dirección de correo electrónico',
  mailButton: 'Confirmar mi dirección',
  mailLinkFallback: 'El enlace es válido durante {minutes} minutos. Si el botón no funciona, copie esta dirección en su navegador:',
  smsCode: '{code} es su código de verificación de {brand}. Caduca en {minutes} minutos.',
  inUseMailSubject: 'Intento de registro en {brand}',
  inUseMailBody: `Alguien ha intentado crear una cuenta nueva en {brand} con esta dirección de correo electrónico, que ya pertenece a una cuenta.
No se ha cambiado nada. Si ha sido usted, inicie sesión con su cuenta existente (allí puede restablecer su contraseña).
Si no ha sido usted, puede ignorar este correo.`,
  inUseSms: 'Alguien ha intentado crear una cuenta de {brand} con este número, que ya tiene una. Si no ha sido usted, ignore este mensaje.',
  inUseAddMailSubject: 'Intento de añadir una dirección en {brand}',
  inUseAddMailBody: `Alguien ha pedido añadir esta dirección de correo a una cuenta de {brand}, pero ya pertenece a una cuenta.
No se ha cambiado nada. Si no ha sido usted, puede ignorar este correo.`,
  inUseAddSms:
    'Alguien ha pedido añadir este número a una cuenta de {brand}, pero ya pertenece a una. No se ha cambiado nada. Si no ha sido usted, ignore este mensaje.',

  // Decisiones sobre un registro que esperaba aprobación (web/approval-messages.ts)
  approvedSubject: 'Su cuenta de {brand} está lista',
  approvedBody: `Su registro en {brand} ha sido aprobado y su cuenta {userId} está lista.
Inicie sesión con el nombre de usuario {username} y la contraseña que eligió al registrarse.`,
  approvedSms: 'Su cuenta de {brand} {userId} está lista. Inicie sesión con el nombre de usuario {username} y su contraseña.',
  deniedSubject: 'Su registro en {brand}',
  deniedBody: `Su registro en {brand} no ha sido aprobado y no se ha creado ninguna cuenta. La contraseña que eligió se ha borrado.`,
  deniedReason: 'Motivo indicado: {reason}',
  deniedSms: 'Su registro en {brand} no ha sido aprobado; no se ha creado ninguna cuenta.',

  usernameAvailable: 'Este nombre de usuario está disponible.',
  usernameChecking: 'Comprobando si este nombre de usuario está libre…',
  passwordStrengthMeter: 'Seguridad de la contraseña',
  passwordStrength: 'Seguridad de la contraseña: {level}.',
  strengthVeryWeak: 'muy baja',
  strengthWeak: 'baja',
  strengthFair: 'media',
  strengthGood: 'buena',
  strengthStrong: 'alta',
  // What weakens a password most, as the strength meter says it (policy/password-strength.ts)
  strengthWarningStraightRow: 'Una fila de teclas del teclado es de lo primero que se prueba.',
  strengthWarningKeyPattern: 'Un patrón corto del teclado es fácil de adivinar.',
  strengthWarningSimpleRepeat: 'Un carácter repetido, como «aaa», es fácil de adivinar.',
  strengthWarningExtendedRepeat: 'Un grupo repetido, como «abcabc», es fácil de adivinar.',
  strengthWarningSequences: 'Una serie como «abc» o «123» es fácil de adivinar.',
  strengthWarningRecentYears: 'Un año reciente es fácil de adivinar.',
  strengthWarningDates: 'Una fecha es fácil de adivinar.',
  strengthWarningTopTen: 'Es una de las contraseñas más usadas que existen.',
  strengthWarningTopHundred: 'Es una contraseña usada con mucha frecuencia.',
  strengthWarningCommon: 'Es una contraseña de uso común.',
  strengthWarningSimilarToCommon: 'Se parece a una contraseña de uso común.',
  strengthWarningWordByItself: 'Una sola palabra es fácil de adivinar; añada más palabras.',
  strengthWarningNamesByThemselves: 'Un nombre solo es fácil de adivinar.',
  strengthWarningCommonNames: 'Los nombres y apellidos comunes son fáciles de adivinar.',
  strengthWarningUserInputs: 'No incluya su nombre de usuario ni el nombre de este servidor.',
  passwordsMatch: 'Las dos contraseñas coinciden.',

  // Password reset (the "Forgot password" page, http/routes/forgot-password*.ts; its mail and SMS, web/messages.ts)
  M_THREEPID_NOT_FOUND: 'Ninguna cuenta usa esta dirección. Compruébela o use la dirección de su cuenta.',
  forgotLink: '¿Ha olvidado su contraseña?',
  resetHeading: 'Restablecer su contraseña',
  resetIntroEmail: 'Escriba la dirección de correo de su cuenta. Le enviamos un enlace para elegir una contraseña nueva.',
  resetIntroPhone: 'Escriba el número de teléfono de su cuenta. Le enviamos un código por SMS para elegir una contraseña nueva.',
  resetUsePhone: 'Usar un número de teléfono',
  resetUseEmail: 'Usar una dirección de correo',
  resetSend: 'Enviar',
  resetEmailSentBody:
    'Si una cuenta usa {address}, le hemos enviado un enlace. Ábralo en este navegador para elegir una contraseña nueva. Sirve durante {minutes} minutos.',
  resetCodeHint: 'Si una cuenta usa {number}, le hemos enviado un código por SMS.',
  resetPasswordHeading: 'Elija una contraseña nueva',
  newPasswordLabel: 'Contraseña nueva',
  resetLogoutLabel: 'Cerrar mi sesión en todos mis otros dispositivos',
  resetLogoutHint: 'Recomendado si otra persona puede conocer su contraseña anterior. Cada dispositivo le pedirá entonces la nueva.',
  resetSubmit: 'Cambiar mi contraseña',
  resetDoneHeading: 'Su contraseña ha cambiado',
  resetDoneBody: 'Inicie sesión con su ID de Matrix y su contraseña nueva.',
  resetDoneLoggedOut: 'Se cerró la sesión en sus otros dispositivos. Vuelva a iniciarla en cada uno con la contraseña nueva.',
  resetLinkInvalid: 'Este enlace no pertenece a este restablecimiento. Abra el enlace del correo más reciente en el mismo navegador.',
  resetConfirmedElsewhere:
    'Su dirección está confirmada. Vuelva al navegador donde pidió el restablecimiento para elegir una contraseña nueva.',
  resetStartAgain: 'Este restablecimiento ya no se puede usar. Empiece de nuevo.',
  resetMailSubject: 'Restablezca su contraseña de {brand}',
  resetMailIntro:
    'Alguien, seguramente usted, ha pedido restablecer la contraseña de la cuenta de {brand} que usa esta dirección de correo.',
  resetMailOpenLink: 'Para elegir una contraseña nueva, abra este enlace en los próximos {minutes} minutos:',
  resetMailIgnore: 'Si no fue usted, ignore este correo: su contraseña sigue igual.',
  resetMailHeading: 'Restablezca su contraseña',
  resetMailButton: 'Elegir una contraseña nueva',
  resetSmsCode:
    '{code} es su código para restablecer la contraseña de {brand}. Caduca en {minutes} minutos. Si no lo ha pedido, ignore este mensaje.',
  resetUnknownMailSubject: 'Restablecimiento de contraseña en {brand}',
  resetUnknownMailBody:
    'Alguien ha pedido restablecer una contraseña en {brand} para esta dirección de correo, pero ninguna cuenta la usa. No se ha cambiado nada.\nSi fue usted, quizá su cuenta use otra dirección. Si no, puede ignorar este correo.',
  resetUnknownSms:
    'Alguien ha pedido restablecer una contraseña de {brand} para este número, pero ninguna cuenta lo usa. No se ha cambiado nada. Si no fue usted, ignore este mensaje.',
};
