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
    tvHint: 'The server prints the full TV link (with the token) when it starts. The token is remembered on this screen and removed from the address bar.',
    openTv: 'Open the wall board',
    apiTitle: 'API',
    apiBody: 'CRM and telephony systems send activity events over HTTP. The reference is in the API docs.',
    openApi: 'Open the API docs',
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
    apiTitle: 'API',
    apiBody: 'CRM и телефония присылают события по HTTP. Справочник — в документации API.',
    openApi: 'Открыть документацию API',
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

function detectLang(): Lang {
  if (typeof window === 'undefined') return 'en';
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  return pickLang([fromUrl, ...(navigator.languages ?? []), navigator.language]);
}

/** The UI language, fixed for the page's lifetime. */
export const lang: Lang = detectLang();
/** The BCP 47 locale for `Intl` formatting: the browser's own when it matches the UI language. */
export const locale: string =
  typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith(lang) ? navigator.language : lang;
/** The strings of the UI language. */
export const t: Dict = DICTS[lang];

export function dict(of: Lang): Dict {
  return DICTS[of];
}
