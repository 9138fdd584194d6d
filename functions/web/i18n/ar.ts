/**
 * The sign-up page's words in Arabic, written right to left, key for key as in `en.ts`. Sentences ask
 * politely (يُرجى) rather than in a gendered imperative; durations avoid number agreement where they can.
 */
import type { Messages } from './en.js';

export const ar: Messages = {
  // The language itself
  lang: 'ar',
  dir: 'rtl',
  languageName: 'العربية',
  languageSwitcher: 'اللغة',

  // Every page
  pageTitle: 'إنشاء حسابك على {brand}',
  supportLink: 'بحاجة إلى مساعدة؟',
  stepOf: 'الخطوة {current} من {total}',
  continue: 'متابعة',
  back: 'البدء من جديد',
  errorSummary: 'يُرجى التحقق من الحقل المُشار إليه أدناه.',

  // Choosing a flow
  flowHeading: 'اختيار طريقة التسجيل',
  flowIntro: 'يُرجى اختيار إحدى هذه الطرق. يمكنك البدء من جديد في أي وقت.',
  flowInvitation: 'باستخدام دعوة',
  flowEmail: 'باستخدام بريدك الإلكتروني',
  flowPhone: 'باستخدام رقم هاتفك',
  flowCaptcha: 'بتأكيد أنك إنسان',
  flowSimple: 'باسم مستخدم فقط',
  flowCombined: '{first}، ثم {rest}',

  // Username and password
  accountHeading: 'اختيار اسم المستخدم وكلمة المرور',
  usernameLabel: 'اسم المستخدم',
  usernameHint: 'سيكون معرّف Matrix الخاص بك {example}. يُسمح بالأحرف اللاتينية الصغيرة والأرقام والرموز . _ - = /',
  passwordLabel: 'كلمة المرور',
  passwordHint: 'الحد الأدنى لعدد الأحرف: {min}. بضع كلمات لا علاقة بينها تصنع كلمة مرور قوية.',
  passwordConfirmLabel: 'تأكيد كلمة المرور',
  passwordMismatch: 'كلمتا المرور غير متطابقتين. يُرجى كتابة كلمة المرور نفسها في الحقلين.',
  usernameSuggestions: 'هذه الأسماء متاحة:',

  // Terms
  termsHeading: 'الموافقة على السياسات',
  termsIntro: 'يُرجى قراءة هذه السياسات ووضع علامة على كل منها للموافقة عليها.',
  termsAccept: 'أوافق على {policy} (الإصدار {version})',
  termsMissing: 'يُرجى وضع علامة على كل سياسة للموافقة عليها، ثم المتابعة.',

  // Captcha
  captchaHeading: 'تأكيد أنك إنسان',
  captchaIntro: 'يُرجى إكمال التحقق أدناه، ثم المتابعة.',
  captchaNoScript: 'يحتاج هذا التحقق إلى JavaScript. يُرجى تفعيله لهذه الصفحة ثم إعادة تحميلها.',

  // Registration token
  tokenHeading: 'دعوتك',
  tokenLabel: 'رمز الدعوة',
  tokenHint: 'الرمز الموجود في دعوتك. إذا فتحت رابط دعوة، فقد أُدخل الرمز مسبقًا.',

  // Email
  emailHeading: 'بريدك الإلكتروني',
  emailLabel: 'عنوان البريد الإلكتروني',
  emailHint: 'سنرسل رابطًا إلى هذا العنوان لتأكيد أنه يخصك.',
  emailSent: 'تحقّق من بريدك الإلكتروني',
  emailSentBody: 'أرسلنا رابطًا إلى {address}. يُرجى فتحه على هذا الجهاز لمتابعة التسجيل. يبقى الرابط صالحًا لمدة {minutes} دقيقة.',
  emailResend: 'إعادة إرسال الرسالة',
  emailResent: 'أرسلنا رسالة جديدة. يُرجى استخدام الرابط الموجود في أحدث رسالة.',
  emailChange: 'استخدام عنوان آخر',
  emailNotYet: 'لم يتم تأكيد عنوانك بعد. يُرجى فتح الرابط الموجود في الرسالة التي أرسلناها، ثم المتابعة.',
  emailContinue: 'لقد فتحت الرابط',

  // Phone
  phoneHeading: 'رقم هاتفك',
  countryLabel: 'البلد',
  phoneLabel: 'رقم الهاتف',
  phoneHint: 'سنرسل رمزًا إلى هذا الرقم في رسالة نصية (SMS).',
  codeHeading: 'إدخال الرمز',
  codeLabel: 'الرمز',
  codeHint: 'أرسلنا رمزًا في رسالة نصية إلى {number}.',
  codeWrong: 'هذا الرمز غير صحيح. يُرجى مراجعة الرسالة النصية وإدخال الرمز مرة أخرى.',
  codeLocked: 'جُرِّب هذا الرمز مرات كثيرة جدًا. يُرجى طلب رمز جديد واستخدامه.',
  codeExpired: 'انتهت صلاحية هذا الرمز. يُرجى طلب رمز جديد واستخدامه.',
  codeResend: 'إرسال رمز جديد',

  // The link from the mail
  confirmedElsewhereHeading: 'تم تأكيد العنوان',
  confirmedElsewhereBody: 'تم تأكيد عنوانك. يُرجى العودة إلى المتصفح الذي بدأت فيه التسجيل لإكماله.',
  linkInvalid: 'رابط التأكيد هذا لا يخص عملية التسجيل هذه. يُرجى فتح الرابط الموجود في أحدث رسالة، في المتصفح نفسه.',

  // Done
  doneHeading: 'حسابك جاهز',
  doneIntro: 'أهلًا بك! معرّف Matrix الخاص بك هو:',
  doneElementWeb: 'فتح Element في المتصفح',
  doneHomeserver: 'يُرجى تسجيل الدخول في Element X أو أي تطبيق Matrix آخر باستخدام هذا الخادم المنزلي:',
  doneMatrixTo: 'مشاركة معرّف Matrix الخاص بك',
  doneAgain: 'إنشاء حساب آخر',

  // Page-level refusals
  csrfHeading: 'انتهت صلاحية هذا النموذج',
  csrfBody: 'حفاظًا على أمانك، لم يُرسَل النموذج. يُرجى العودة إلى البداية والمحاولة مرة أخرى.',
  disabledHeading: 'التسجيل مغلق',
  disabledBody: 'لا يقبل هذا الخادم حسابات جديدة حاليًا. يُرجى سؤال القائمين عليه عن موعد إعادة فتح التسجيل.',
  notFoundHeading: 'الصفحة غير موجودة',
  deniedNetworkHeading: 'غير متاح من شبكتك',
  deniedNetworkBody: 'التسجيل غير متاح للشبكة التي تتصل منها. جرّب اتصالًا آخر، أو تواصل مع القائمين على الخادم إذا كنت ترى أن هذا خطأ.',
  retryInSeconds: '{seconds} ثانية',
  retryInMinutes: '{minutes} دقيقة',

  // One sentence per Matrix error the engine can give
  M_FORBIDDEN: 'هذا غير مسموح به على هذا الخادم. إذا كنت ترى أنه يجب السماح به، فيُرجى التواصل مع القائمين على الخادم.',
  M_UNRECOGNIZED: 'تعذّر فهم جزء من هذه الخطوة. يُرجى البدء من جديد.',
  M_NOT_JSON: 'تعذّرت قراءة النموذج. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.',
  M_BAD_JSON: 'تعذّرت قراءة النموذج. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.',
  M_MISSING_PARAM: 'هناك معلومة ناقصة. يُرجى ملء كل الحقول ثم المتابعة.',
  M_INVALID_PARAM: 'يبدو أن في المُدخل خطأ. يُرجى مراجعة ما كتبته والمحاولة مرة أخرى.',
  M_UNAUTHORIZED: 'لم يُقبل ذلك. يُرجى مراجعته والمحاولة مرة أخرى.',
  M_USER_IN_USE: 'اسم المستخدم هذا مأخوذ. يُرجى اختيار اسم آخر.',
  M_INVALID_USERNAME: 'لا يمكن استخدام اسم المستخدم هذا. يُرجى الاقتصار على الأحرف اللاتينية الصغيرة والأرقام والرموز . _ - = /',
  M_EXCLUSIVE: 'اسم المستخدم هذا محجوز. يُرجى اختيار اسم آخر.',
  M_WEAK_PASSWORD: 'كلمة المرور هذه ضعيفة جدًا. يُرجى اختيار كلمة مرور أطول، مثل بضع كلمات لا علاقة بينها.',
  M_GUEST_ACCESS_FORBIDDEN: 'حسابات الضيوف غير متاحة هنا. يُرجى إنشاء حساب كامل بدلًا من ذلك.',
  M_LIMIT_EXCEEDED: 'محاولات كثيرة جدًا. يُرجى الانتظار {wait} ثم المحاولة مرة أخرى.',
  M_TOO_LARGE: 'ما كتبته طويل جدًا. يُرجى اختصاره والمحاولة مرة أخرى.',
  M_THREEPID_IN_USE: 'هذا العنوان مرتبط بحساب موجود. يُرجى تسجيل الدخول بذلك الحساب، أو استخدام عنوان آخر.',
  M_THREEPID_DENIED: 'لا يمكن استخدام هذا العنوان للتسجيل هنا. يُرجى استخدام عنوان آخر.',
  M_THREEPID_MEDIUM_NOT_SUPPORTED: 'لا يستطيع هذا الخادم التحقق من هذا النوع من العناوين حاليًا. يُرجى اختيار طريقة أخرى للتسجيل.',
  M_THREEPID_AUTH_FAILED: 'تعذّر ربط التأكيد بعملية التسجيل هذه. يُرجى طلب تأكيد جديد واستخدام الأحدث.',
  M_SESSION_EXPIRED: 'استغرق تسجيلك وقتًا طويلًا فانتهت صلاحيته. يُرجى البدء من جديد.',
  M_NOT_FOUND: 'لم يُعثر على ذلك. يُرجى المراجعة والمحاولة مرة أخرى.',
  M_CAPTCHA_NEEDED: 'يُرجى إكمال التحقق ثم المتابعة.',
  M_CAPTCHA_INVALID: 'لم ينجح التحقق. يُرجى المحاولة مرة أخرى.',
  M_MISSING_TOKEN: 'انتهت صلاحية تسجيلك. يُرجى البدء من جديد.',
  M_UNKNOWN_TOKEN: 'انتهت صلاحية تسجيلك. يُرجى البدء من جديد.',
  M_UNKNOWN: 'حدث خطأ من جهتنا. يُرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
  errorRegistrationDisabled: 'التسجيل على هذا الخادم مغلق حاليًا. يُرجى سؤال القائمين عليه عن موعد إعادة فتحه.',
  errorUnknownSession: 'انتهت صلاحية تسجيلك أو تعذّر العثور عليه. يُرجى البدء من جديد.',
  errorUnavailable: 'الخادم مشغول أو يتعذّر الوصول إليه مؤقتًا. يُرجى الانتظار {wait} ثم المحاولة مرة أخرى.',
  errorTokenInvalid: 'رمز الدعوة هذا غير صالح أو استُنفد أو انتهت صلاحيته. يُرجى التحقق منه أو طلب دعوة جديدة.',
  errorEmailInvalid: 'لا يمكننا استخدام عنوان البريد الإلكتروني هذا. يُرجى التحقق منه والمحاولة مرة أخرى.',
  errorPhoneInvalid: 'رقم الهاتف هذا غير صالح للبلد المختار. يُرجى التحقق من كليهما والمحاولة مرة أخرى.',
  errorGateFirst: 'يُرجى إكمال الخطوة السابقة من تسجيلك أولًا، ثم طلب الرمز مرة أخرى.',

  // What a sign-up sends (web/messages.ts)
  mailSubject: 'تأكيد عنوان بريدك الإلكتروني على {brand}',
  mailGreeting: 'مرحبًا،',
  mailIntro: 'يُنشئ أحدهم، ونرجو أن يكون ذلك أنت، حسابًا على {brand} بعنوان البريد الإلكتروني هذا.',
  mailOpenLink: 'لتأكيد العنوان، يُرجى فتح هذا الرابط خلال {minutes} دقيقة:',
  mailIgnore: 'إن لم يكن ذلك أنت، فيُرجى تجاهل هذه الرسالة: لن يُنشأ أي حساب بعنوانك.',
  mailIntroAdd: 'يريد أحدهم، ونرجو أن يكون ذلك أنت، إضافة عنوان البريد الإلكتروني هذا إلى حساب على {brand}.',
  mailIgnoreAdd: 'إن لم يكن ذلك أنت، فيُرجى تجاهل هذه الرسالة: لن يُضاف عنوانك إلى أي حساب.',
  mailHeading: 'تأكيد عنوان بريدك الإلكتروني',
  mailButton: 'تأكيد عنواني',
  mailLinkFallback: 'يبقى الرابط صالحًا لمدة {minutes} دقيقة. إن لم يعمل الزر، فيُرجى نسخ هذا العنوان ولصقه في المتصفح:',
  smsCode: 'رمز التحقق الخاص بك على {brand} هو {code}. تنتهي صلاحيته خلال {minutes} دقيقة.',
  inUseMailSubject: 'محاولة تسجيل على {brand}',
  inUseMailBody: `حاول أحدهم إنشاء حساب جديد على {brand} بعنوان البريد الإلكتروني هذا، وهو مرتبط بحساب موجود بالفعل.
لم يتغيّر أي شيء. إن كانت المحاولة منك، فيُرجى تسجيل الدخول بحسابك الحالي بدلًا من ذلك (ويمكنك إعادة تعيين كلمة المرور من هناك).
إن لم يكن ذلك أنت، فيمكنك تجاهل هذه الرسالة.`,
  inUseSms: 'حاول أحدهم إنشاء حساب على {brand} بهذا الرقم، وهو مرتبط بحساب بالفعل. إن لم يكن ذلك أنت، فيُرجى تجاهل هذه الرسالة.',
  inUseAddMailSubject: 'محاولة إضافة عنوان على {brand}',
  inUseAddMailBody: `طلب أحدهم إضافة عنوان البريد الإلكتروني هذا إلى حساب على {brand}، لكنه مرتبط بحساب بالفعل.
لم يتغيّر شيء. إن لم يكن ذلك أنت، فيمكنك تجاهل هذه الرسالة.`,
  inUseAddSms:
    'طلب أحدهم إضافة هذا الرقم إلى حساب على {brand}، لكنه مرتبط بحساب بالفعل. لم يتغيّر شيء. إن لم يكن ذلك أنت، فيُرجى تجاهل هذه الرسالة.',

  usernameAvailable: 'اسم المستخدم هذا متاح.',
  usernameChecking: 'جارٍ التحقق من توفّر اسم المستخدم هذا…',
  passwordStrengthMeter: 'قوة كلمة المرور',
  passwordStrength: 'قوة كلمة المرور: {level}.',
  strengthVeryWeak: 'ضعيفة جدًا',
  strengthWeak: 'ضعيفة',
  strengthFair: 'متوسطة',
  strengthGood: 'جيدة',
  strengthStrong: 'قوية',
  // What weakens a password most, as the strength meter says it (policy/password-strength.ts)
  strengthWarningStraightRow: 'صف من مفاتيح لوحة المفاتيح من أول ما يُجرَّب.',
  strengthWarningKeyPattern: 'النمط القصير على لوحة المفاتيح سهل التخمين.',
  strengthWarningSimpleRepeat: 'تكرار حرف واحد مثل «aaa» سهل التخمين.',
  strengthWarningExtendedRepeat: 'تكرار مجموعة مثل «abcabc» سهل التخمين.',
  strengthWarningSequences: 'التسلسل مثل «abc» أو «123» سهل التخمين.',
  strengthWarningRecentYears: 'السنة الحديثة سهلة التخمين.',
  strengthWarningDates: 'التاريخ سهل التخمين.',
  strengthWarningTopTen: 'هذه من أكثر كلمات المرور استخدامًا على الإطلاق.',
  strengthWarningTopHundred: 'هذه كلمة مرور شائعة الاستخدام جدًا.',
  strengthWarningCommon: 'هذه كلمة مرور شائعة الاستخدام.',
  strengthWarningSimilarToCommon: 'هذه تشبه كلمة مرور شائعة الاستخدام.',
  strengthWarningWordByItself: 'الكلمة الواحدة سهلة التخمين؛ أضف كلمات أخرى.',
  strengthWarningNamesByThemselves: 'الاسم وحده سهل التخمين.',
  strengthWarningCommonNames: 'الأسماء الأولى وأسماء العائلات الشائعة سهلة التخمين.',
  strengthWarningUserInputs: 'لا تضمّن اسم المستخدم ولا اسم هذا الخادم.',
  passwordsMatch: 'كلمتا المرور متطابقتان.',

  // Password reset (the "Forgot password" page, http/routes/forgot-password*.ts; its mail and SMS, web/messages.ts)
  M_THREEPID_NOT_FOUND: 'لا يستخدم أي حساب هذا العنوان. تحقق منه، أو استخدم عنوان حسابك.',
  forgotLink: 'هل نسيت كلمة المرور؟',
  resetHeading: 'إعادة تعيين كلمة المرور',
  resetIntroEmail: 'أدخل عنوان البريد الإلكتروني لحسابك. سنرسل إليه رابطًا لاختيار كلمة مرور جديدة.',
  resetIntroPhone: 'أدخل رقم هاتف حسابك. سنرسل إليه رمزًا برسالة نصية لاختيار كلمة مرور جديدة.',
  resetUsePhone: 'استخدم رقم هاتف بدلًا من ذلك',
  resetUseEmail: 'استخدم عنوان بريد إلكتروني بدلًا من ذلك',
  resetSend: 'إرسال',
  resetEmailSentBody:
    'إذا كان حساب يستخدم {address}، فقد أرسلنا إليه رابطًا. افتحه في هذا المتصفح لاختيار كلمة مرور جديدة. يعمل الرابط لمدة {minutes} دقيقة.',
  resetCodeHint: 'إذا كان حساب يستخدم {number}، فقد أرسلنا إليه رمزًا برسالة نصية.',
  resetPasswordHeading: 'اختر كلمة مرور جديدة',
  newPasswordLabel: 'كلمة المرور الجديدة',
  resetLogoutLabel: 'سجّل خروجي من كل أجهزتي الأخرى',
  resetLogoutHint: 'يُنصح به إذا كان شخص آخر قد يعرف كلمة مرورك القديمة. سيطلب كل جهاز عندها كلمة المرور الجديدة.',
  resetSubmit: 'غيّر كلمة المرور',
  resetDoneHeading: 'تم تغيير كلمة المرور',
  resetDoneBody: 'سجّل الدخول بمعرّف Matrix الخاص بك وكلمة المرور الجديدة.',
  resetDoneLoggedOut: 'تم تسجيل خروج أجهزتك الأخرى. سجّل الدخول من جديد على كل منها بكلمة المرور الجديدة.',
  resetLinkInvalid: 'هذا الرابط لا ينتمي إلى إعادة التعيين هذه. افتح الرابط من أحدث رسالة في المتصفح نفسه.',
  resetConfirmedElsewhere: 'تم تأكيد عنوانك. عد إلى المتصفح الذي طلبت منه إعادة التعيين لاختيار كلمة مرور جديدة.',
  resetStartAgain: 'لم يعد بالإمكان استخدام إعادة التعيين هذه. ابدأ من جديد.',
  resetMailSubject: 'أعد تعيين كلمة مرورك في {brand}',
  resetMailIntro: 'طلب شخص ما، نأمل أن يكون أنت، إعادة تعيين كلمة مرور حساب {brand} الذي يستخدم عنوان البريد الإلكتروني هذا.',
  resetMailOpenLink: 'لاختيار كلمة مرور جديدة، افتح هذا الرابط خلال {minutes} دقيقة:',
  resetMailIgnore: 'إذا لم تكن أنت، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
  resetMailHeading: 'أعد تعيين كلمة المرور',
  resetMailButton: 'اختر كلمة مرور جديدة',
  resetSmsCode: '{code} هو رمز إعادة تعيين كلمة المرور في {brand}. تنتهي صلاحيته بعد {minutes} دقيقة. إذا لم تطلبه، فتجاهل هذه الرسالة.',
  resetUnknownMailSubject: 'إعادة تعيين كلمة المرور في {brand}',
  resetUnknownMailBody:
    'طلب شخص ما إعادة تعيين كلمة مرور في {brand} لعنوان البريد الإلكتروني هذا، لكن لا يستخدمه أي حساب. لم يتغير شيء.\nإذا كنت أنت، فربما يستخدم حسابك عنوانًا آخر. وإلا فيمكنك تجاهل هذه الرسالة.',
  resetUnknownSms:
    'طلب شخص ما إعادة تعيين كلمة مرور في {brand} لهذا الرقم، لكن لا يستخدمه أي حساب. لم يتغير شيء. إذا لم تكن أنت، فتجاهل هذه الرسالة.',
};
