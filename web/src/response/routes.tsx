/**
 * Guided response, evidence report and statement review routes (subscribers), mounted by
 * app.tsx. Extension point: those pages add their routes and tabs here.
 */
import type { RouteObject } from 'react-router';

export const responseRoutes: RouteObject[] = [];

/** Extra subscriber tabs; `key` is a full i18n key such as `response.nav.respond`. */
export const responseNav: ReadonlyArray<{ to: string; key: string; icon: string }> = [];
