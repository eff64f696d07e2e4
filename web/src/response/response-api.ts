/**
 * Calls of the response plugin (src/server/routes/response.ts). Wire types come from the server's
 * own modules as type-only imports, as web/src/api.ts does, so no server code reaches the bundle.
 */
import type { Checklist, ChecklistStep, Situation, StepId } from '../../../src/response/index.ts';
import type { BrandOption, StatementReviewView } from '../../../src/server/routes/response.ts';
import { ApiError } from '../api.ts';

export type { BrandOption, Checklist, ChecklistStep, Situation, StatementReviewView, StepId };

export const SITUATIONS: readonly Situation[] = [
  'got_message',
  'entered_data',
  'unknown_charge',
  'lost_phone',
];

/** A token for the raw (non-JSON) requests below; same cookie secret, so it verifies like api()'s. */
async function csrfToken(): Promise<string> {
  const r = await fetch('/api/csrf', { credentials: 'same-origin' });
  return ((await r.json()) as { token: string }).token;
}

async function failure(res: Response): Promise<ApiError> {
  const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  return new ApiError(
    res.status,
    data.error?.code ?? `http_${res.status}`,
    data.error?.message ?? res.statusText,
  );
}

function saveBlob(blob: Blob, fallbackName: string, disposition: string | null) {
  const name = /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface StepTakenInput {
  at: string;
  step: string;
}

/** POST /api/account/report → saves the PDF (the steps marked done go into it). */
export async function downloadReportPdf(lang: string, steps: StepTakenInput[]): Promise<void> {
  const res = await fetch(`/api/account/report?lang=${lang}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': await csrfToken() },
    body: JSON.stringify({ steps }),
  });
  if (!res.ok) throw await failure(res);
  saveBlob(await res.blob(), 'mamori-report.pdf', res.headers.get('content-disposition'));
}

/** POST /api/account/report.json → saves the JSON report (with the steps marked done, as the PDF). */
export async function downloadReportJson(lang: string, steps: StepTakenInput[]): Promise<void> {
  const res = await fetch(`/api/account/report.json?lang=${lang}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': await csrfToken() },
    body: JSON.stringify({ steps }),
  });
  if (!res.ok) throw await failure(res);
  saveBlob(await res.blob(), 'mamori-report.json', res.headers.get('content-disposition'));
}
