/**
 * 明細チェック (issue 6 "Statement review"): the person picks a statement CSV; its bytes go only to
 * this app's own server (POST /api/statements/review), are checked in memory and are not kept.
 * The page shows the flagged lines with their reasons, a chart of charges per month and any rows
 * that could not be read (by line number).
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatYen } from '../format.ts';
import { MonthChart } from './month-chart.tsx';
import type { StatementReviewView } from './response-api.ts';

const yen = (n: number) => `${n < 0 ? '−' : ''}¥${formatYen(Math.abs(n))}`;

function Result({ review }: { review: StatementReviewView }) {
  const { t } = useTranslation();
  const s = review.summary;
  return (
    <section aria-labelledby="statement-result-title">
      <h2 id="statement-result-title" tabIndex={-1}>
        {t('response.statement.resultTitle')}
      </h2>
      <p role="status">
        {t('response.statement.summary', {
          lines: s.lines,
          flagged: s.flaggedLines,
          from: s.firstDate ?? '-',
          to: s.lastDate ?? '-',
          charges: yen(s.charges),
        })}
      </p>
      <MonthChart months={s.months} />
      {review.lines.length === 0 ? (
        <p className="note">{t('response.statement.noFlags')}</p>
      ) : (
        <>
          <h3>{t('response.statement.flaggedTitle')}</h3>
          <ul className="items resp-flagged">
            {review.lines.map((l) => (
              <li key={l.line} className="card resp-flagged-line">
                <p className="resp-line-head">
                  <span className="small muted">{t('response.statement.lineNo', { line: l.line })}</span>{' '}
                  <span>{l.date}</span> <strong className="resp-merchant">{l.merchant}</strong>{' '}
                  <span className="resp-amount">
                    {yen(l.amount)}
                    {l.currency && l.currency !== 'JPY' ? ` (${l.currency})` : ''}
                  </span>
                </p>
                <ul className="resp-flags">
                  {l.flags.map((f) => (
                    <li key={f.code}>
                      <span className="tag tag-bad">{t(`response.flag.${f.code}`)}</span> {f.message}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {review.truncated && (
            <p className="small">{t('response.statement.truncated', { n: review.lines.length })}</p>
          )}
        </>
      )}
      {review.errors.length > 0 && (
        <details className="card">
          <summary>{t('response.statement.errorsTitle', { n: review.errors.length })}</summary>
          <ul>
            {review.errors.map((e) => (
              <li key={`${e.line}-${e.error.code}`}>
                {t('response.statement.lineNo', { line: e.line })}: {e.error.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function StatementPage() {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [review, setReview] = useState<StatementReviewView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setReview(null);
    try {
      // The file's bytes as they are: the server detects Shift_JIS / UTF-8 / EUC-JP itself.
      const result = await api<StatementReviewView>('/api/statements/review', {
        body: file,
        contentType: 'text/csv',
      });
      setReview(result);
      requestAnimationFrame(() => document.getElementById('statement-result-title')?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('response.statement.title')}</h1>
      <p className="note" id="statement-privacy">
        {t('response.statement.privacy')}
      </p>
      <form className="card" onSubmit={submit} aria-describedby="statement-privacy">
        <label htmlFor="statement-file">{t('response.statement.fileLabel')}</label>
        <p className="small muted" id="statement-file-help">
          {t('response.statement.fileHelp')}
        </p>
        <input
          id="statement-file"
          ref={fileRef}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          aria-describedby="statement-file-help"
          required
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('response.statement.check')}
        </button>
        <ErrorText error={error} />
      </form>
      {busy && <Loading />}
      {review && <Result review={review} />}
    </>
  );
}
