/**
 * Routes and the shared layout: header (name, language, sign-out), the page, and a bottom tab bar
 * on phones (a top bar on wide screens). Pages other than the checker need a signed-in user.
 *
 * Every page is its own chunk (React.lazy), loaded when first shown: the initial JavaScript is
 * the layout, the router, i18n and the API client only (budget: subscriber pages' initial
 * JavaScript ≤ 150 KB gzip, `npm run bench:web`). zod (the forms share the server's schemas) and
 * @simplewebauthn/browser come with the pages that use them.
 */

import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createBrowserRouter,
  Navigate,
  NavLink,
  Outlet,
  RouterProvider,
  useLocation,
  useNavigate,
} from 'react-router';
import { api } from './api.ts';
import { forgetSession, ME_KEY, useMe } from './auth.ts';
import { Loading } from './components/status.tsx';
import { changeLang, type Lang } from './i18n.ts';
import { operatorNav, operatorRoutes } from './operator/routes.tsx';
import { RequireUser } from './require-user.tsx';
import { responseNav, responseRoutes } from './response/routes.tsx';

const ActivityPage = lazy(() => import('./pages/activity.tsx').then((m) => ({ default: m.ActivityPage })));
const CheckPage = lazy(() => import('./pages/check.tsx').then((m) => ({ default: m.CheckPage })));
const LockPage = lazy(() => import('./pages/lock.tsx').then((m) => ({ default: m.LockPage })));
const MessagesPage = lazy(() => import('./pages/messages.tsx').then((m) => ({ default: m.MessagesPage })));
const SecurityPage = lazy(() => import('./pages/security.tsx').then((m) => ({ default: m.SecurityPage })));
const SessionsPage = lazy(() => import('./pages/sessions.tsx').then((m) => ({ default: m.SessionsPage })));
const SignInPage = lazy(() => import('./pages/sign-in.tsx').then((m) => ({ default: m.SignInPage })));

function LangSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const current = i18n.language as Lang;
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('app.language')}</legend>
      {(['ja', 'en'] as const).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={current === l}
          onClick={() => {
            void changeLang(l).then(() => queryClient.invalidateQueries());
          }}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </fieldset>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        await api('/api/auth/sign-out', { method: 'POST' }).catch(() => undefined);
        forgetSession(queryClient);
        await navigate('/sign-in');
      }}
    >
      {t('app.signOut')}
    </button>
  );
}

const NAV = [
  { to: '/', key: 'messages', icon: '✉' },
  { to: '/check', key: 'check', icon: '?' },
  { to: '/activity', key: 'activity', icon: '¥' },
  { to: '/lock', key: 'lock', icon: '!' },
  { to: '/security', key: 'security', icon: '✓' },
] as const;

function Layout() {
  const { t } = useTranslation();
  // Re-render on every navigation, so that after forgetSession() (the cache cleared) `me` is read
  // from the fresh query rather than kept from the one cleared: no tabs or サインアウト on the
  // sign-in page once the session has ended.
  useLocation();
  const me = useMe();
  const signedIn = Boolean(me.data);
  const nav = me.data?.user.role === 'operator' ? operatorNav : [...NAV, ...responseNav];
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            守
          </span>
          <span>
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </div>
        <div className="top-actions">
          <LangSwitch />
          {signedIn && <SignOutButton />}
        </div>
      </header>
      {signedIn && (
        <nav className="tabs" aria-label={t('app.menu')}>
          <ul>
            {nav.map((n) => (
              <li key={n.key}>
                <NavLink to={n.to} end={n.to === '/'}>
                  <span className="tab-icon" aria-hidden="true">
                    {n.icon}
                  </span>
                  <span>{t(n.key.includes('.') ? n.key : `nav.${n.key}`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/** Subscribers start in their message box, operators in the case queue. */
function Home() {
  const me = useMe();
  if (me.data?.user.role === 'operator') return <Navigate to="/ops/cases" replace />;
  return <MessagesPage />;
}

export function useSignedIn() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ME_KEY });
}

const router = createBrowserRouter(
  [
    {
      element: <Layout />,
      children: [
        { path: '/sign-in', element: <SignInPage /> },
        { path: '/check', element: <CheckPage /> },
        {
          path: '/',
          element: (
            <RequireUser>
              <Home />
            </RequireUser>
          ),
        },
        {
          path: '/activity',
          element: (
            <RequireUser>
              <ActivityPage />
            </RequireUser>
          ),
        },
        {
          path: '/lock',
          element: (
            <RequireUser>
              <LockPage />
            </RequireUser>
          ),
        },
        {
          path: '/security',
          element: (
            <RequireUser>
              <SecurityPage />
            </RequireUser>
          ),
        },
        {
          path: '/security/sessions',
          element: (
            <RequireUser>
              <SessionsPage />
            </RequireUser>
          ),
        },
        ...operatorRoutes,
        ...responseRoutes,
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/app' },
);

export function App() {
  return <RouterProvider router={router} />;
}
