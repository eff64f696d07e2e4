/**
 * 「このメッセージは本物？」: pasted text (JSON) or an .eml file (sent as message/rfc822) to
 * POST /api/check, the verdict in plain words (never "safe"; contract checker.md "Verdicts"),
 * links and numbers as inert text marked 公式/非公式, the official-app advice, how to report;
 * and the public reference lookup, which says only whether a reference was ever issued. What is
 * sent is checked first with the server's schemas (src/server/check-input-schema.ts: the text
 * rules and the size limit; src/subscriber/schemas.ts: the reference).
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInputSchema, checkUploadSchema } from '../../../src/server/check-input-schema.ts';
import { noticeRefParamsSchema } from '../../../src/subscriber/schemas.ts';
import { ApiError, api, type CheckResult } from '../api.ts';
import { useMe } from '../auth.ts';
import { ErrorText } from '../components/status.tsx';
import { FieldError, useFieldErrors } from '../form-errors.tsx';

const REPORT_URL = 'https://www.antiphishing.jp/registration.html';

function OfficialTag({ official }: { official: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={official ? 'tag tag-ok' : 'tag tag-bad'}>
      {official ? t('check.official') : t('check.unofficial')}
    </span>
  );
}

function Result({ result }: { result: CheckResult }) {
  const { t } = useTranslation();
  const reportInAdvice = result.advice.some((a) => a.official_url?.includes('antiphishing.jp'));
  return (
    <section
      className={`card verdict verdict-${result.verdict}`}
      aria-labelledby="verdict-title"
      tabIndex={-1}
    >
      <h2 id="verdict-title">
        <span className="verdict-icon" aria-hidden="true">
          {result.verdict === 'phishing' ? '✕' : result.verdict === 'suspicious' ? '!' : '–'}
        </span>
        {t(`check.verdict.${result.verdict}`)}
      </h2>
      <p className="verdict-help">{t(`check.verdictHelp.${result.verdict}`)}</p>
      <p className="muted small">
        {t('check.score', { score: result.score })}
        {result.brand && (
          <>
            {' · '}
            {t('check.brand', { brand: result.brand })}
          </>
        )}
      </p>

      {result.reasons.length > 0 && (
        <>
          <h3>{t('check.reasons')}</h3>
          <ul className="reasons">
            {result.reasons.map((r) => (
              <li key={`${r.code}:${r.evidence}`}>
                <span className={`sev sev-${r.severity}`}>{t(`check.severity.${r.severity}`)}</span>{' '}
                {r.message}
                {r.evidence && (
                  <span className="evidence">
                    {t('check.evidence')}
                    <code>{r.evidence}</code>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {result.links.length > 0 && (
        <>
          <h3>{t('check.links')}</h3>
          <p className="muted small">{t('check.linkNote')}</p>
          <ul className="findings">
            {result.links.map((l) => (
              <li key={l.url}>
                <OfficialTag official={l.official} /> <code className="inert">{l.url}</code>
              </li>
            ))}
          </ul>
        </>
      )}

      {result.phones.length > 0 && (
        <>
          <h3>{t('check.phones')}</h3>
          <ul className="findings">
            {result.phones.map((p) => (
              <li key={p.number}>
                <OfficialTag official={p.official} /> <code className="inert">{p.number}</code>
              </li>
            ))}
          </ul>
        </>
      )}

      {result.advice.length > 0 && (
        <>
          <h3>{t('check.advice')}</h3>
          <ul className="advice">
            {result.advice.map((a) => (
              <li key={a.message}>
                {a.message}
                {a.official_url && (
                  <span className="evidence">
                    {t('check.officialSite')}
                    {/* The registry's own official address: the one link the page may offer. */}
                    <a href={a.official_url} rel="noopener noreferrer" target="_blank">
                      {a.official_url}
                    </a>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {/* The checker's advice already says how to report when phishing; add it only if it did not. */}
      {result.verdict === 'phishing' && !reportInAdvice && (
        <div className="report">
          <h3>{t('check.reportTitle')}</h3>
          <p>
            {t('check.reportBody')}{' '}
            <a href={REPORT_URL} rel="noopener noreferrer" target="_blank">
              {REPORT_URL}
            </a>
          </p>
          <p>{t('check.reportDamage')}</p>
        </div>
      )}
    </section>
  );
}

function ReferenceLookup() {
  const { t } = useTranslation();
  const [ref, setRef] = useState('');
  const [answer, setAnswer] = useState<'issued' | 'not_issued' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const inputId = useId();
  const form = useFieldErrors({ ref: inputId });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAnswer(null);
    setError(null);
    const params = form.check(noticeRefParamsSchema, { ref: ref.trim() });
    if (!params) return;
    try {
      const r = await api<{ issued?: boolean }>(`/api/public/notices/${encodeURIComponent(params.ref)}`);
      setAnswer(r.issued === false ? 'not_issued' : 'issued');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'notice_not_found') setAnswer('not_issued');
      else setError(err);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="ref-title" noValidate>
      <h2 id="ref-title">{t('check.refTitle')}</h2>
      <p>{t('check.refIntro')}</p>
      <label htmlFor={inputId}>{t('check.refLabel')}</label>
      <div className="row">
        <input
          id={inputId}
          value={ref}
          onChange={(e) => {
            setRef(e.target.value);
            form.clear('ref');
          }}
          placeholder="N-XXXX-XXXX"
          autoCapitalize="characters"
          spellCheck={false}
          required
          {...form.inputProps('ref')}
        />
        <button type="submit">{t('check.refSubmit')}</button>
      </div>
      <FieldError field="ref" inputId={inputId} errors={form.errors} />
      <div aria-live="polite">
        {answer && (
          <p className={answer === 'issued' ? 'note' : 'error'}>
            {answer === 'issued' ? t('check.refIssued') : t('check.refNotIssued')}
          </p>
        )}
      </div>
      <ErrorText error={error} />
    </form>
  );
}

/**
 * 「このメッセージを報告する」 for a signed-in subscriber: the message goes to the operator's
 * reported-phishing list (campaigns) and into this person's evidence report. Only on request.
 */
function ReportMessage({ text, sender }: { text: string; sender: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<unknown>(null);
  if (me.data?.user.role !== 'subscriber') return null;
  const send = async () => {
    setState('busy');
    setError(null);
    try {
      await api('/api/account/reported-messages', { json: sender ? { text, sender } : { text } });
      setState('done');
    } catch (err) {
      setError(err);
      setState('idle');
    }
  };
  return (
    <section className="card" aria-labelledby="report-message-title">
      <h2 id="report-message-title">{t('check.report.title')}</h2>
      <p>{t('check.report.help')}</p>
      <ErrorText error={error} />
      {state === 'done' ? (
        <p role="status">{t('check.report.done')}</p>
      ) : (
        <button type="button" className="primary" onClick={send} disabled={state === 'busy'}>
          {t('check.report.button')}
        </button>
      )}
    </section>
  );
}

export function CheckPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sender, setSender] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useFieldErrors({ text: 'check-text', sender: 'check-sender', file: 'check-eml' });

  /** The request to send, or undefined when the shared schemas find something to fix first. */
  const request = (): { json: unknown } | { body: File } | undefined => {
    const size = checkUploadSchema.shape.bytes;
    if (file) return form.check(size, file.size, 'file') === undefined ? undefined : { body: file };
    const message = form.check(checkInputSchema, sender.trim() ? { text, sender: sender.trim() } : { text });
    if (!message) return undefined;
    // The JSON body as it will be sent must fit the server's body limit too.
    const bytes = new TextEncoder().encode(JSON.stringify(message)).length;
    return form.check(size, bytes, 'text') === undefined ? undefined : { json: message };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    const toSend = request();
    if (!toSend) return;
    setBusy(true);
    try {
      const r =
        'body' in toSend
          ? await api<CheckResult>('/api/check', {
              method: 'POST',
              body: await toSend.body.arrayBuffer(),
              contentType: 'message/rfc822',
            })
          : await api<CheckResult>('/api/check', { json: toSend.json });
      setResult(r);
      requestAnimationFrame(() => document.getElementById('verdict-title')?.parentElement?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('check.title')}</h1>
      <form className="card" onSubmit={submit} aria-label={t('check.title')} noValidate>
        <p>{t('check.intro')}</p>
        <label htmlFor="check-text">{t('check.text')}</label>
        <textarea
          id="check-text"
          rows={6}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            form.clear('text');
          }}
          placeholder={t('check.placeholder')}
          disabled={file !== null}
          {...form.inputProps('text')}
        />
        <FieldError field="text" inputId="check-text" errors={form.errors} />
        <label htmlFor="check-sender">{t('check.sender')}</label>
        <input
          id="check-sender"
          value={sender}
          onChange={(e) => {
            setSender(e.target.value);
            form.clear('sender');
          }}
          disabled={file !== null}
          autoComplete="off"
          {...form.inputProps('sender')}
        />
        <FieldError field="sender" inputId="check-sender" errors={form.errors} />
        <label htmlFor="check-eml" className="file-label">
          {t('check.eml')}
        </label>
        <input
          key={fileKey}
          id="check-eml"
          type="file"
          accept=".eml,message/rfc822"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            form.setErrors({});
          }}
          {...form.inputProps('file')}
        />
        <FieldError field="file" inputId="check-eml" errors={form.errors} />
        {file && (
          <p className="small">
            {t('check.emlChosen', { name: file.name })}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setFile(null);
                setFileKey(fileKey + 1);
                form.clear('file');
              }}
            >
              {t('check.clearFile')}
            </button>
          </p>
        )}
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('check.checking') : t('check.submit')}
        </button>
      </form>
      {result && <Result result={result} />}
      {result && result.verdict !== 'no_signs' && !file && text.trim() && (
        <ReportMessage text={text} sender={sender.trim()} />
      )}
      <ReferenceLookup />
    </>
  );
}
