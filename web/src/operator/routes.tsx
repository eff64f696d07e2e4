/**
 * Operator console routes (role operator), mounted under /ops by app.tsx. Extension point: the
 * operator pages add their routes and tabs here.
 */
import type { RouteObject } from 'react-router';

export const operatorRoutes: RouteObject[] = [];

/** Tabs shown to operators; `key` is a full i18n key such as `operator.nav.cases`. */
export const operatorNav: ReadonlyArray<{ to: string; key: string; icon: string }> = [];
