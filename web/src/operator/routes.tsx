/**
 * Operator console routes (role operator), mounted under /ops by app.tsx. Each page is loaded
 * lazily so neither its code nor the shared zod schemas reach the subscriber pages' bundle.
 */
import type { RouteObject } from 'react-router';

export const operatorRoutes: RouteObject[] = [
  // `/ops` and `/ops/cases` both show the queue; the tab points at `/ops/cases` so that it stays
  // the only active tab while another /ops/... page is open (app.tsx matches tabs by prefix).
  {
    path: '/ops',
    lazy: async () => ({ Component: (await import('./queue.tsx')).CaseQueuePage }),
  },
  {
    path: '/ops/cases',
    lazy: async () => ({ Component: (await import('./queue.tsx')).CaseQueuePage }),
  },
  {
    path: '/ops/cases/:id',
    lazy: async () => ({ Component: (await import('./case-detail.tsx')).CaseDetailPage }),
  },
  {
    path: '/ops/metrics',
    lazy: async () => ({ Component: (await import('./metrics.tsx')).MetricsPage }),
  },
  {
    path: '/ops/campaigns',
    lazy: async () => ({ Component: (await import('./campaigns.tsx')).CampaignsPage }),
  },
  {
    path: '/ops/settings',
    lazy: async () => ({ Component: (await import('./settings.tsx')).SettingsPage }),
  },
];

/** Tabs shown to operators; `key` is a full i18n key such as `operator.nav.cases`. */
export const operatorNav: ReadonlyArray<{ to: string; key: string; icon: string }> = [
  { to: '/ops/cases', key: 'operator.nav.cases', icon: '☰' },
  { to: '/ops/metrics', key: 'operator.nav.metrics', icon: '▤' },
  { to: '/ops/campaigns', key: 'operator.nav.campaigns', icon: '⚑' },
  { to: '/ops/settings', key: 'operator.nav.settings', icon: '⚙' },
];
