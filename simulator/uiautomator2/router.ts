/** Matches a request path to a route: `/session/:sessionId/element/:id/click` style patterns, like AppiumServlet. */
import type { Route } from './server-state.ts';

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  const pathname = path.split('?')[0] ?? '';
  const actual = pathname.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const expected = route.pattern.split('/');
    if (expected.length !== actual.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < expected.length && ok; i++) {
      const part = expected[i]!;
      if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual[i]!);
      else ok = part === actual[i];
    }
    if (ok) return { route, params };
  }
  return undefined;
}
