import type { Role } from '@conveyor/shared';

export type Lang = 'ru' | 'en';

const en = {
  product: 'Conveyor',
  tagline: 'Live leaderboard of the sales conveyor',
  teams: 'Teams',
  points: 'points',
  pointsShort: 'pts',
  endsIn: 'Ends in',
  periodOver: 'Period closed',
  roles: {
    telemarketer: 'Telemarketers',
    sales: 'Sales managers',
    account: 'Account managers',
  } satisfies Record<Role, string>,
  role: {
    telemarketer: 'Telemarketer',
    sales: 'Sales manager',
    account: 'Account manager',
  } satisfies Record<Role, string>,
  noRolePeople: 'Nobody in this role yet',
  noTeam: 'no team',
  vacant: 'vacant',
  moreTeams: (n: number): string => `and ${n} more`,
  awards: 'Awards',
  noAwards: 'Awards will appear here the moment they are earned',
  connection: {
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    unauthorized: 'Not authorized',
  },
  lastUpdated: (time: string): string => `last updated ${time}`,
  offlineBanner: 'No connection to the server — showing the last known standings, reconnecting by itself.',
  unauthorizedTitle: 'This screen is not authorized',
  unauthorizedBody: 'Open the TV link with a valid token:',
  unauthorizedHint: 'The server prints the TV link when it starts.',
  emptyTitle: 'The board is ready',
  emptyBody: 'No teams yet. Add people and teams in Conveyor — standings will appear here live, with the first call.',
  loading: 'Loading standings…',
  days: (n: number): string => (n === 1 ? 'day' : 'days'),
  landing: {
    title: 'Conveyor',
    lead: 'A live, gamified leaderboard for a conveyor sales department: telemarketers, sales managers and account managers earn points for every successful step, and the office sees it on the wall.',
    tvTitle: 'Wall TV',
    tvBody: 'Open the board on the office TV with the display token:',
    tvHint:
      'The server prints the full TV link (with the token) when it starts. The token is remembered on this screen and removed from the address bar.',
    openTv: 'Open the wall board',
    consoleTitle: 'Manager console',
    consoleBody:
      'People, triads, rules, grades, rewards and periods, corrections, screens and integration tokens, and the audit log. The first time, sign in with the admin token the server printed.',
    openConsole: 'Open the console',
    phoneTitle: 'On your phone',
    phoneBody:
      'Your manager gives you a sign-in link or QR code; your points, your place and your team then open at /me, live. Add it to your home screen.',
    apiTitle: 'API',
    apiBody: 'CRM and telephony systems send activity events over HTTP. The reference is in the API docs.',
    openApi: 'Open the API docs',
  },
  wall: {
    targets: 'Team targets',
    improved: 'Most improved',
    improvedHint: 'Points so far against the same days of the previous month',
    fame: 'Hall of fame',
    newGrade: 'New grade',
    targetReached: 'Target reached',
    winners: (period: string): string => `Winners · ${period}`,
    bigPayment: 'Big payment',
  },
  me: {
    today: 'Today',
    thisMonth: 'This month',
    norm: (calls: number, norm: number): string => `${calls} of ${norm} successful calls`,
    callRule: (sec: number): string => `calls of ${sec} s or more`,
    rank: (rank: number, of: number, role: string): string => `Place ${rank} of ${of} · ${role}`,
    you: 'You',
    team: 'My team',
    teamRank: (rank: number, of: number): string => `Place ${rank} of ${of} teams`,
    noGrade: 'No grade yet',
    toNext: (missing: number, grade: string): string => `${missing} points to ${grade}`,
    recent: 'My recent points',
    noAwards: 'Points appear here with your first successful call',
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out on all devices',
    signInHow: 'Open the sign-in link or scan the QR code your manager gives you. This phone then stays signed in.',
    signInLost: 'Lost your phone? Your manager signs it out and gives you a new link.',
    inviteUsed: 'This sign-in link does not work any more (it was used or has expired). Ask your manager for a new one.',
    tooMany: 'Too many attempts. Try again in a few minutes.',
    notEmployee: 'This page is for employees. Managers use the console at /admin.',
  },
  admin: {
    title: 'Conveyor console',
    signIn: 'Sign in',
    signOut: 'Sign out',
    email: 'Email',
    password: 'Password',
    firstSetup: 'First set-up',
    firstSetupHint:
      'No manager account yet? Enter the admin token the server printed at its first start, then create your account under “Access”.',
    adminToken: 'Admin token',
    continue: 'Continue',
    badToken: 'That token was not accepted.',
    bootstrap: 'Admin token',
    bootstrapNotice:
      'You are using the bootstrap admin token. Create your manager account under “Access”, sign in with it, and keep the token for emergencies.',
    sections: {
      people: 'People',
      triads: 'Triads',
      game: 'Rewards & periods',
      rules: 'Rules',
      corrections: 'Corrections',
      access: 'Access',
      audit: 'Audit log',
    },
    add: 'Add',
    save: 'Save',
    remove: 'Remove',
    close: 'Close',
    active: 'active',
    inactive: 'inactive',
    activate: 'Activate',
    deactivate: 'Deactivate',
    lastSeen: (when: string): string => `last seen ${when}`,
    people: {
      name: 'Name',
      role: 'Role',
      team: 'Team',
      status: 'Status',
      rename: 'Rename',
      newName: 'New name',
      phoneLink: 'Phone link',
      phones: 'Phones',
      qrAlt: 'QR code of the sign-in link',
      inviteFor: (name: string): string => `Sign-in link for ${name}`,
      inviteHint: 'Let them scan the QR code with their phone camera, or send the link. It works once.',
      inviteExpires: (when: string): string => `Valid until ${when}`,
      phonesOf: (name: string): string => `Signed-in phones of ${name}`,
      noPhones: 'No phone is signed in.',
      signOutPhones: 'Sign out all phones',
      confirmSignOut: (name: string): string => `Sign ${name} out of every phone?`,
    },
    triads: {
      name: 'Team name',
      since: 'Changes take effect from',
      sinceHint: 'Points earned before that date stay with the old team.',
      memberSince: (when: string): string => `since ${when}`,
    },
    game: {
      rewards: 'Rewards',
      everyone: 'Everyone',
      kinds: { month: 'Month', quarter: 'Quarter', year: 'Year' },
      period: 'Period',
      board: 'Board',
      place: 'Place',
      rewardTitle: 'Title',
      rewardDescription: 'What the perk is',
      noRewards: 'No rewards yet.',
      periods: 'Periods',
      grace: 'Grace window for late events, hours',
      status: 'Status',
      statuses: { open: 'open', grace: 'in grace window', closed: 'closed' },
      closes: 'Closes / closed',
      winners: 'Winners',
      handOut: 'Mark handed out',
      handedOut: 'handed out',
      closeNow: 'Close now',
      postpone: 'Postpone',
      postponeTo: 'Postpone closing to (ISO date-time, at most 7 days after the period ends)',
      targets: 'Team targets',
      noTargets: 'No targets for this period.',
      ladder: 'Grade ladder',
      ladderHint: (window: string): string => `One level per line, “Name: points”, over each ${window.toLowerCase()}.`,
      wall: 'Wall screens',
      wallHint: 'One slide per line, “slide: seconds”. Slides: month, quarter, year, targets, improved, fame.',
      wallTop: 'Names per list',
      wallBigPayment: 'Celebrate payments from',
      wallSound: 'Sound with celebrations',
    },
    rules: {
      versions: 'Rule versions',
      from: 'Effective from',
      note: 'Note',
      numbers: 'Numbers',
      show: 'Show',
      newVersion: 'New version',
      hint: 'Only the numbers that change, as JSON. Preview replays this month with them and changes nothing.',
      preview: 'Preview',
      now: 'Now',
      proposed: 'Proposed',
      badJson: 'The numbers are not valid JSON.',
    },
    corrections: {
      title: 'Corrections',
      hint: 'Voiding an event reverses every award it caused, with a reason everyone can see. The event id stays taken.',
      eventId: 'Event id',
      reason: 'Reason',
      void: 'Void event',
      voided: (id: string): string => `Event ${id} voided.`,
      when: 'When',
      event: 'Event',
      why: 'Reason',
      pick: 'Choose',
    },
    access: {
      screens: 'Screens and integrations',
      kinds: { display: 'Wall screen', integration: 'Integration (CRM)' },
      kind: 'Kind',
      tokenName: 'Name',
      lastUsed: 'Last contact',
      never: 'never',
      revoke: 'Revoke',
      revoked: (when: string): string => `revoked ${when}`,
      noTokens: 'No screens or integrations yet.',
      copyNow: 'Copy it now: it is shown only once.',
      managers: 'Managers',
      passwordHint: 'Password (10+ characters)',
      lastSignIn: 'Last sign-in',
    },
    audit: { when: 'When', who: 'Who', what: 'Action', target: 'About', details: 'Before → after', empty: 'Nothing yet.' },
  },
};

export type Dict = typeof en;

const RU_PLURAL = new Intl.PluralRules('ru');

const ru: Dict = {
  product: 'Conveyor',
  tagline: 'Живой рейтинг конвейера продаж',
  teams: 'Команды',
  points: 'очков',
  pointsShort: 'оч.',
  endsIn: 'До конца',
  periodOver: 'Период закрыт',
  roles: {
    telemarketer: 'Телемаркетологи',
    sales: 'Менеджеры по продажам',
    account: 'Аккаунт-менеджеры',
  },
  role: {
    telemarketer: 'Телемаркетолог',
    sales: 'Менеджер по продажам',
    account: 'Аккаунт-менеджер',
  },
  noRolePeople: 'В этой роли пока никого нет',
  noTeam: 'без команды',
  vacant: 'вакансия',
  moreTeams: (n: number): string => `и ещё ${n}`,
  awards: 'Награды',
  noAwards: 'Здесь появятся награды, как только их заработают',
  connection: {
    connecting: 'Подключение…',
    live: 'В эфире',
    reconnecting: 'Переподключение…',
    offline: 'Нет связи',
    unauthorized: 'Нет доступа',
  },
  lastUpdated: (time: string): string => `обновлено в ${time}`,
  offlineBanner: 'Нет связи с сервером — на экране последние известные результаты, переподключаемся сами.',
  unauthorizedTitle: 'У этого экрана нет доступа',
  unauthorizedBody: 'Откройте ссылку для ТВ с действующим токеном:',
  unauthorizedHint: 'Сервер печатает эту ссылку при запуске.',
  emptyTitle: 'Табло готово',
  emptyBody: 'Команд пока нет. Добавьте сотрудников и команды в Conveyor — рейтинг появится здесь сразу, с первого звонка.',
  loading: 'Загружаем рейтинг…',
  days: (n: number): string => {
    switch (RU_PLURAL.select(n)) {
      case 'one':
        return 'день';
      case 'few':
        return 'дня';
      default:
        return 'дней';
    }
  },
  landing: {
    title: 'Conveyor',
    lead: 'Живой игровой рейтинг для конвейерного отдела продаж: телемаркетологи, менеджеры по продажам и аккаунт-менеджеры получают очки за каждый успешный шаг, а офис видит это на стене.',
    tvTitle: 'Телевизор в офисе',
    tvBody: 'Откройте табло на телевизоре с токеном экрана:',
    tvHint: 'Сервер печатает полную ссылку для ТВ (с токеном) при запуске. Экран запоминает токен и убирает его из адресной строки.',
    openTv: 'Открыть табло',
    consoleTitle: 'Консоль руководителя',
    consoleBody:
      'Сотрудники, тройки, правила, грейды, награды и периоды, исправления, экраны и токены интеграций, журнал действий. В первый раз войдите по токену администратора, который напечатал сервер.',
    openConsole: 'Открыть консоль',
    phoneTitle: 'На телефоне',
    phoneBody:
      'Руководитель даст ссылку для входа или QR-код; ваши очки, место и команда откроются на /me, в реальном времени. Добавьте страницу на главный экран.',
    apiTitle: 'API',
    apiBody: 'CRM и телефония присылают события по HTTP. Справочник — в документации API.',
    openApi: 'Открыть документацию API',
  },
  wall: {
    targets: 'Цели команд',
    improved: 'Лучший рост',
    improvedHint: 'Очки с начала месяца против тех же дней прошлого месяца',
    fame: 'Доска почёта',
    newGrade: 'Новый грейд',
    targetReached: 'Цель достигнута',
    winners: (period: string): string => `Победители · ${period}`,
    bigPayment: 'Крупная оплата',
  },
  me: {
    today: 'Сегодня',
    thisMonth: 'Этот месяц',
    norm: (calls: number, norm: number): string => `${calls} из ${norm} успешных звонков`,
    callRule: (sec: number): string => `звонки от ${sec} с`,
    rank: (rank: number, of: number, role: string): string => `Место ${rank} из ${of} · ${role}`,
    you: 'Вы',
    team: 'Моя команда',
    teamRank: (rank: number, of: number): string => `Место ${rank} из ${of} команд`,
    noGrade: 'Пока без грейда',
    toNext: (missing: number, grade: string): string => `до «${grade}» — ${missing} очк.`,
    recent: 'Мои последние очки',
    noAwards: 'Очки появятся здесь с первым успешным звонком',
    signOut: 'Выйти',
    signOutEverywhere: 'Выйти на всех устройствах',
    signInHow: 'Откройте ссылку для входа или отсканируйте QR-код, который даст руководитель. После этого телефон останется в системе.',
    signInLost: 'Потеряли телефон? Руководитель отключит его и выдаст новую ссылку.',
    inviteUsed: 'Эта ссылка для входа больше не действует (её уже использовали или срок истёк). Попросите у руководителя новую.',
    tooMany: 'Слишком много попыток. Попробуйте через несколько минут.',
    notEmployee: 'Эта страница для сотрудников. Руководители работают в консоли /admin.',
  },
  admin: {
    title: 'Консоль Conveyor',
    signIn: 'Войти',
    signOut: 'Выйти',
    email: 'Почта',
    password: 'Пароль',
    firstSetup: 'Первая настройка',
    firstSetupHint:
      'Ещё нет учётной записи руководителя? Введите токен администратора, который сервер напечатал при первом запуске, и создайте свою учётную запись в разделе «Доступ».',
    adminToken: 'Токен администратора',
    continue: 'Продолжить',
    badToken: 'Этот токен не подходит.',
    bootstrap: 'Токен администратора',
    bootstrapNotice:
      'Вы вошли по токену администратора. Создайте учётную запись руководителя в разделе «Доступ», войдите под ней, а токен храните на крайний случай.',
    sections: {
      people: 'Сотрудники',
      triads: 'Тройки',
      game: 'Награды и периоды',
      rules: 'Правила',
      corrections: 'Исправления',
      access: 'Доступ',
      audit: 'Журнал',
    },
    add: 'Добавить',
    save: 'Сохранить',
    remove: 'Удалить',
    close: 'Закрыть',
    active: 'активен',
    inactive: 'неактивен',
    activate: 'Включить',
    deactivate: 'Отключить',
    lastSeen: (when: string): string => `заходил ${when}`,
    people: {
      name: 'Имя',
      role: 'Роль',
      team: 'Команда',
      status: 'Статус',
      rename: 'Переименовать',
      newName: 'Новое имя',
      phoneLink: 'Ссылка для телефона',
      phones: 'Телефоны',
      qrAlt: 'QR-код ссылки для входа',
      inviteFor: (name: string): string => `Ссылка для входа: ${name}`,
      inviteHint: 'Пусть сотрудник отсканирует QR-код камерой телефона или откроет ссылку. Она срабатывает один раз.',
      inviteExpires: (when: string): string => `Действует до ${when}`,
      phonesOf: (name: string): string => `Телефоны, где вошёл(а) ${name}`,
      noPhones: 'Ни на одном телефоне не выполнен вход.',
      signOutPhones: 'Выйти на всех телефонах',
      confirmSignOut: (name: string): string => `Завершить сеансы ${name} на всех телефонах?`,
    },
    triads: {
      name: 'Название команды',
      since: 'Изменения действуют с',
      sinceHint: 'Очки, заработанные до этой даты, остаются у прежней команды.',
      memberSince: (when: string): string => `с ${when}`,
    },
    game: {
      rewards: 'Награды',
      everyone: 'Все сотрудники',
      kinds: { month: 'Месяц', quarter: 'Квартал', year: 'Год' },
      period: 'Период',
      board: 'Рейтинг',
      place: 'Место',
      rewardTitle: 'Название',
      rewardDescription: 'В чём награда',
      noRewards: 'Наград пока нет.',
      periods: 'Периоды',
      grace: 'Окно для поздних событий, часов',
      status: 'Статус',
      statuses: { open: 'идёт', grace: 'окно поздних событий', closed: 'закрыт' },
      closes: 'Закрытие',
      winners: 'Победители',
      handOut: 'Отметить «вручено»',
      handedOut: 'вручено',
      closeNow: 'Закрыть сейчас',
      postpone: 'Отложить',
      postponeTo: 'Отложить закрытие до (дата-время ISO, не позже 7 дней после конца периода)',
      targets: 'Цели команд',
      noTargets: 'На этот период целей нет.',
      ladder: 'Лестница грейдов',
      ladderHint: (window: string): string => `По уровню в строке, «Название: очки», за ${window.toLowerCase()}.`,
      wall: 'Экраны в офисе',
      wallHint:
        'По слайду в строке, «слайд: секунды». Слайды: month (месяц), quarter (квартал), year (год), targets (цели), improved (рост), fame (доска почёта).',
      wallTop: 'Имён в списке',
      wallBigPayment: 'Праздновать оплаты от',
      wallSound: 'Звук при праздновании',
    },
    rules: {
      versions: 'Версии правил',
      from: 'Действует с',
      note: 'Комментарий',
      numbers: 'Значения',
      show: 'Показать',
      newVersion: 'Новая версия',
      hint: 'Только меняющиеся значения, в JSON. Предпросмотр пересчитывает текущий месяц и ничего не меняет.',
      preview: 'Предпросмотр',
      now: 'Сейчас',
      proposed: 'Станет',
      badJson: 'Значения — не корректный JSON.',
    },
    corrections: {
      title: 'Исправления',
      hint: 'Аннулирование события отменяет все начисленные за него очки с видимой всем причиной. Идентификатор события остаётся занятым.',
      eventId: 'ID события',
      reason: 'Причина',
      void: 'Аннулировать',
      voided: (id: string): string => `Событие ${id} аннулировано.`,
      when: 'Когда',
      event: 'Событие',
      why: 'Причина',
      pick: 'Выбрать',
    },
    access: {
      screens: 'Экраны и интеграции',
      kinds: { display: 'Экран в офисе', integration: 'Интеграция (CRM)' },
      kind: 'Тип',
      tokenName: 'Название',
      lastUsed: 'Последняя связь',
      never: 'никогда',
      revoke: 'Отозвать',
      revoked: (when: string): string => `отозван ${when}`,
      noTokens: 'Экранов и интеграций пока нет.',
      copyNow: 'Скопируйте сейчас: он показывается один раз.',
      managers: 'Руководители',
      passwordHint: 'Пароль (от 10 символов)',
      lastSignIn: 'Последний вход',
    },
    audit: { when: 'Когда', who: 'Кто', what: 'Действие', target: 'Объект', details: 'Было → стало', empty: 'Пока пусто.' },
  },
};

const DICTS: Record<Lang, Dict> = { ru, en };

/** `ru` for any Russian locale (and `?lang=ru`), `en` otherwise. */
export function pickLang(requested: readonly (string | null | undefined)[]): Lang {
  for (const tag of requested) {
    if (!tag) continue;
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

const LANG_KEY = 'conveyor.lang';

/** The person's own choice on this device, if any. */
export function storedLang(): Lang | null {
  try {
    const value = window.localStorage.getItem(LANG_KEY);
    return value === 'ru' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/** Remembers (or, with null, forgets) the person's choice on this device. */
export function storeLang(choice: Lang | null): void {
  try {
    if (choice) window.localStorage.setItem(LANG_KEY, choice);
    else window.localStorage.removeItem(LANG_KEY);
  } catch {
    // storage unavailable: the choice lasts for this page
  }
}

/** `?lang=`, then the person's choice, then the office's language, then the browser's. */
function detectLang(office: Lang | null): Lang {
  if (typeof window === 'undefined') return office ?? 'en';
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  return pickLang([fromUrl, storedLang(), office, ...(navigator.languages ?? []), navigator.language]);
}

function localeOf(of: Lang): string {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith(of)
    ? navigator.language
    : of === 'ru'
      ? 'ru-RU'
      : 'en-GB';
}

/** The UI language, fixed for the page's lifetime once `initLang` ran (before the app mounts). */
export let lang: Lang = detectLang(null);
/** The BCP 47 locale for `Intl` formatting: the browser's own when it matches the UI language. */
export let locale: string = localeOf(lang);
/** The strings of the UI language. */
export let t: Dict = DICTS[lang];

/**
 * Follows the language a signed-in person chose (kept on the server) on this device: remembers it
 * and reloads. Not when `?lang=` forces one, and not when the device cannot keep it (a reload would
 * only come back here). Returns true when the page is reloading.
 */
export function followPersonLang(chosen: Lang | null): boolean {
  if (!chosen || chosen === lang || new URLSearchParams(window.location.search).has('lang')) return false;
  storeLang(chosen);
  if (storedLang() !== chosen) return false;
  window.location.reload();
  return true;
}

/** Settles the language with the office's default known (GET /api/health). */
export function initLang(office: Lang | null): void {
  lang = detectLang(office);
  locale = localeOf(lang);
  t = DICTS[lang];
}

export function dict(of: Lang): Dict {
  return DICTS[of];
}
