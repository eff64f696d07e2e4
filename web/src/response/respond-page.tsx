/**
 * 困ったときは (issue 6 "Guided response"): pick what happened (four big buttons), the card issuer
 * and carrier, then the ordered checklist from POST /api/response/checklist with tap-to-call
 * numbers (未確認 when the registry's source is not official), each step markable as done (kept in
 * this browser with its time), and the evidence report (PDF, JSON) of the person's own account.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';
import { type DoneMap, useDoneSteps } from './done-store.ts';
import {
  type BrandOption,
  type Checklist,
  type ChecklistStep,
  downloadReportJson,
  downloadReportPdf,
  SITUATIONS,
  type Situation,
  type StepId,
} from './response-api.ts';

type L = 'ja' | 'en';
const pick = (text: { ja: string; en: string }, lang: L) => (lang === 'en' ? text.en : text.ja);

function SituationPicker({ value, onPick }: { value: Situation | null; onPick: (s: Situation) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="resp-situations">
      <legend>{t('response.respond.situationQuestion')}</legend>
      {SITUATIONS.map((s) => (
        <button
          key={s}
          type="button"
          className="resp-situation"
          aria-pressed={value === s}
          onClick={() => onPick(s)}
        >
          <span className="resp-situation-title">{t(`response.situation.${s}.title`)}</span>
          <span className="resp-situation-help">{t(`response.situation.${s}.help`)}</span>
        </button>
      ))}
    </fieldset>
  );
}

function BrandSelect({
  id,
  kind,
  value,
  onChange,
}: {
  id: string;
  kind: 'issuers' | 'carriers';
  value: string;
  onChange: (v: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const brands = useQuery({
    queryKey: ['response', kind],
    queryFn: () => api<{ brands: BrandOption[] }>(`/api/response/${kind}`),
    staleTime: 10 * 60_000,
  });
  return (
    <div className="resp-field">
      <label htmlFor={id}>{t(`response.respond.${kind}Label`)}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('response.respond.dontKnow')}</option>
        {brands.data?.brands.map((b) => (
          <option key={b.id} value={b.id}>
            {i18n.language === 'en' ? b.nameEn : b.nameJa}
          </option>
        ))}
      </select>
      <ErrorText error={brands.error} />
    </div>
  );
}

function Unconfirmed() {
  const { t } = useTranslation();
  return <span className="tag resp-unconfirmed">{t('response.respond.unconfirmed')}</span>;
}

function Step({
  step,
  index,
  done,
  onDone,
  onUndo,
}: {
  step: ChecklistStep;
  index: number;
  done: DoneMap;
  onDone: () => void;
  onUndo: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'ja') as L;
  const entry = done[step.id];
  const titleId = `step-${step.id}-title`;
  return (
    <li
      className={`card resp-step${entry ? ' resp-step-done' : ''}`}
      aria-labelledby={titleId}
      data-step={step.id}
    >
      <h2 id={titleId}>
        <span className="resp-step-number" aria-hidden="true">
          {index + 1}
        </span>
        {pick(step.title, lang)}
        {entry && <span className="visually-hidden">{t('response.respond.doneSuffix')}</span>}
      </h2>
      {step.phones.length > 0 && (
        <ul className="resp-phones">
          {step.phones.map((p) => (
            <li key={`${p.brand_id}-${p.number}-${p.label.ja}`}>
              <a className="resp-call" href={`tel:${p.digits}`}>
                <span className="resp-call-label">{pick(p.label, lang)}</span>
                <span className="resp-call-number">
                  <span aria-hidden="true">☎ </span>
                  {p.number}
                </span>
              </a>
              <span className="small muted">
                {p.hours ? `${t('response.respond.hours')}: ${p.hours}` : ''}
                {p.unconfirmed && <Unconfirmed />}
              </span>
            </li>
          ))}
        </ul>
      )}
      {step.notes.length > 0 && (
        <ul className="resp-notes">
          {step.notes.map((n, i) => (
            // Notes are plain text from the registry and Mamori's advice; never links.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for a checklist
            <li key={i}>
              {pick(n, lang)}
              {n.unconfirmed && (
                <>
                  {' '}
                  <Unconfirmed />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {entry ? (
        <p className="resp-done-line">
          <span className="resp-done-mark">
            <span aria-hidden="true">✓ </span>
            {t('response.respond.doneAt', { time: formatDateTime(entry.at, lang) })}
          </span>{' '}
          <button type="button" className="link-button" onClick={onUndo}>
            {t('response.respond.undo')}
            <span className="visually-hidden">{`: ${pick(step.title, lang)}`}</span>
          </button>
        </p>
      ) : (
        <button type="button" className="resp-mark" onClick={onDone}>
          {t('response.respond.markDone')}
          <span className="visually-hidden">{`: ${pick(step.title, lang)}`}</span>
        </button>
      )}
    </li>
  );
}

function ReportCard({ done }: { done: DoneMap }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const [busy, setBusy] = useState<'pdf' | 'json' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const run = async (kind: 'pdf' | 'json') => {
    setBusy(kind);
    setError(null);
    setSaved(false);
    try {
      // The steps marked done go into both forms of the report.
      const steps = Object.values(done)
        .filter((d) => d !== undefined)
        .map((d) => ({ at: d.at, step: lang === 'en' ? d.en : d.ja }));
      if (kind === 'pdf') {
        await downloadReportPdf(lang, steps);
      } else {
        await downloadReportJson(lang, steps);
      }
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('response.report.title')}</h2>
      <p className="small">{t('response.report.help')}</p>
      <button type="button" className="primary" disabled={busy !== null} onClick={() => void run('pdf')}>
        {busy === 'pdf' ? t('response.report.making') : t('response.report.pdf')}
      </button>
      <button
        type="button"
        className="resp-secondary"
        disabled={busy !== null}
        onClick={() => void run('json')}
      >
        {t('response.report.json')}
      </button>
      <div aria-live="polite">{saved && <p className="small">{t('response.report.saved')}</p>}</div>
      <ErrorText error={error} />
    </section>
  );
}

export function RespondPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const initial = params.get('situation');
  const [situation, setSituation] = useState<Situation | null>(
    SITUATIONS.includes(initial as Situation) ? (initial as Situation) : null,
  );
  const [issuer, setIssuer] = useState('');
  const [carrier, setCarrier] = useState('');
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { done, mark, unmark } = useDoneSteps();
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (checklist) listHeading.current?.focus();
  }, [checklist]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!situation) return;
    setBusy(true);
    setError(null);
    try {
      setChecklist(
        await api<Checklist>('/api/response/checklist', {
          json: { situation, issuerId: issuer || null, carrierId: carrier || null },
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('response.respond.title')}</h1>
      <p className="note">{t('response.respond.intro')}</p>
      <form className="card" onSubmit={submit} aria-label={t('response.respond.formLabel')}>
        <SituationPicker
          value={situation}
          onPick={(s) => {
            setSituation(s);
            setChecklist(null);
          }}
        />
        {situation && (
          <>
            <BrandSelect id="resp-issuer" kind="issuers" value={issuer} onChange={setIssuer} />
            <BrandSelect id="resp-carrier" kind="carriers" value={carrier} onChange={setCarrier} />
            <button type="submit" className="primary" disabled={busy}>
              {t('response.respond.show')}
            </button>
          </>
        )}
        <ErrorText error={error} />
      </form>
      {busy && <Loading />}
      {checklist && (
        <section aria-labelledby="checklist-title">
          <h2 id="checklist-title" ref={listHeading} tabIndex={-1}>
            {t('response.respond.checklistTitle', {
              situation: t(`response.situation.${checklist.situation}.title`),
            })}
          </h2>
          <p className="small muted">{t('response.respond.checklistHelp')}</p>
          <ol className="items resp-steps">
            {checklist.steps.map((s, i) => (
              <Step
                key={s.id}
                step={s}
                index={i}
                done={done}
                onDone={() => mark(s.id as StepId, s.title)}
                onUndo={() => unmark(s.id as StepId)}
              />
            ))}
          </ol>
        </section>
      )}
      <ReportCard done={done} />
      <section className="card" aria-labelledby="statement-card-title">
        <h2 id="statement-card-title">{t('response.statement.title')}</h2>
        <p className="small">{t('response.respond.statementHelp')}</p>
        <Link to="/statement">{t('response.respond.statementLink')}</Link>
      </section>
    </>
  );
}
