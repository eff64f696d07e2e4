import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequireUser } from '../require-user.tsx';
import './response.css';

// Loaded when first shown (app.tsx's Suspense shows 読み込み中… meanwhile): not initial JavaScript.
const RespondPage = lazy(() => import('./respond-page.tsx').then((m) => ({ default: m.RespondPage })));
const StatementPage = lazy(() => import('./statement-page.tsx').then((m) => ({ default: m.StatementPage })));

export const responseRoutes: RouteObject[] = [
  {
    path: '/respond',
    element: (
      <RequireUser>
        <RespondPage />
      </RequireUser>
    ),
  },
  {
    path: '/statement',
    element: (
      <RequireUser>
        <StatementPage />
      </RequireUser>
    ),
  },
];

/**
 * Extra subscriber tabs; `key` is a full i18n key such as `response.nav.respond`. One tab only:
 * a seventh tab makes the labels of the 375 px bottom bar wrap; 明細チェック is linked from
 * 困ったときは (and is at /statement).
 */
export const responseNav: ReadonlyArray<{ to: string; key: string; icon: string }> = [
  { to: '/respond', key: 'response.nav.respond', icon: '☎' },
];
