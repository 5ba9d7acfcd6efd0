/** The screens, chosen by path at load; every link between them is a full page load. */
export type Route = 'tv' | 'me' | 'admin' | 'landing';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/tv') return 'tv';
  if (path === '/me') return 'me';
  if (path === '/admin' || path.startsWith('/admin/')) return 'admin';
  return 'landing';
}
