/** The screens, chosen by path at load; every link between them is a full page load. */
export type Route = 'tv' | 'landing';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  return path === '/tv' ? 'tv' : 'landing';
}
