/**
 * パスキー on the security page: the user's passkeys (GET /api/account/passkeys: name, when added,
 * when last used), adding one on this device under a name checked with the server's schema
 * (passkeyNameSchema, src/accounts/schemas.ts), and removing one after a confirmation
 * (DELETE /api/account/passkeys/:id).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passkeyNameSchema } from '../../../src/accounts/schemas.ts';
import { api, type PasskeyView } from '../api.ts';
import { ME_KEY } from '../auth.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { useConfirmFocus } from '../confirm-focus.ts';
import { describeUserAgent } from '../device.ts';
import { FieldError, useFieldErrors } from '../form-errors.tsx';
import { formatDateTime } from '../format.ts';
import { browserSupportsWebAuthn, registerPasskey } from '../passkeys.ts';

const PASSKEYS_KEY = ['passkeys'] as const;

/** A name to start from: this browser and device, e.g. 「Chrome（Android）」. */
function suggestedName(t: TFunction): string {
  const { browser, os } = describeUserAgent(navigator.userAgent);
  if (browser && os) return t('device.browserOnOs', { browser, os });
  return browser ?? os ?? '';
}

function RemovePasskey({ passkey, onRemoved }: { passkey: PasskeyView; onRemoved: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const focus = useConfirmFocus(confirming);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/account/passkeys/${encodeURIComponent(passkey.id)}`, { method: 'DELETE' });
      onRemoved(passkey.name);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  if (!confirming) {
    return (
      <button
        ref={focus.opener}
        type="button"
        className="danger-outline"
        onClick={() => setConfirming(true)}
        aria-label={t('passkey.removeNamed', { name: passkey.name })}
      >
        {t('passkey.remove')}
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-b`}>
      <h4 id={`${id}-t`}>{t('passkey.removeTitle', { name: passkey.name })}</h4>
      <p id={`${id}-b`}>{t('passkey.removeBody')}</p>
      <div className="buttons">
        <button ref={focus.confirm} type="button" className="danger" onClick={remove} disabled={busy}>
          {t('passkey.removeConfirm')}
        </button>
        <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
          {t('passkey.cancel')}
        </button>
      </div>
      <ErrorText error={error} />
    </div>
  );
}

function AddPasskey({ onAdded }: { onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const [supported] = useState(browserSupportsWebAuthn);
  const [name, setName] = useState(() => suggestedName(t));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useFieldErrors({ name: 'passkey-name' });
  if (!supported) return <p className="note">{t('passkey.problem.unsupported')}</p>;
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const checked = form.check(passkeyNameSchema, name, 'name');
    if (checked === undefined) return;
    setBusy(true);
    try {
      const passkey = await registerPasskey(checked);
      onAdded(passkey.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={add} noValidate aria-labelledby="passkey-add-title">
      <h3 id="passkey-add-title">{t('passkey.addTitle')}</h3>
      <label htmlFor="passkey-name">{t('passkey.name')}</label>
      <p className="muted small" id="passkey-name-help">
        {t('passkey.nameHelp')}
      </p>
      <input
        id="passkey-name"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          form.clear('name');
        }}
        maxLength={128}
        autoComplete="off"
        {...form.inputProps('name')}
        aria-describedby={form.errors.name ? 'passkey-name-error passkey-name-help' : 'passkey-name-help'}
      />
      <FieldError field="name" inputId="passkey-name" errors={form.errors} />
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('passkey.adding') : t('passkey.add')}
      </button>
    </form>
  );
}

export function PasskeySection() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const passkeys = useQuery({
    queryKey: PASSKEYS_KEY,
    queryFn: () => api<{ passkeys: PasskeyView[] }>('/api/account/passkeys'),
  });
  const [status, setStatus] = useState<string | null>(null);
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: PASSKEYS_KEY }),
      queryClient.invalidateQueries({ queryKey: ME_KEY }),
      queryClient.invalidateQueries({ queryKey: ['checkup'] }),
    ]);
  };
  const list = passkeys.data?.passkeys ?? [];
  return (
    <section className="card" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkey.title')}</h2>
      <p>{t('passkey.intro')}</p>
      <div aria-live="polite">{status && <p className="note">{status}</p>}</div>
      {passkeys.isPending && <Loading />}
      <ErrorText error={passkeys.error} />
      {passkeys.data && list.length === 0 && <p className="muted">{t('passkey.none')}</p>}
      {list.length > 0 && (
        <ul className="items" data-testid="passkey-list">
          {list.map((p) => (
            <li key={p.id} className="item passkey-item">
              <div className="item-main">
                <strong>{p.name}</strong>
                {p.backedUp && <span className="tag">{t('passkey.synced')}</span>}
              </div>
              <p className="muted small">
                {t('passkey.created')}:{' '}
                <time dateTime={p.createdAt}>{formatDateTime(p.createdAt, i18n.language)}</time>
                {' · '}
                {t('passkey.lastUsed')}:{' '}
                {p.lastUsedAt ? (
                  <time dateTime={p.lastUsedAt}>{formatDateTime(p.lastUsedAt, i18n.language)}</time>
                ) : (
                  t('passkey.neverUsed')
                )}
              </p>
              <RemovePasskey
                passkey={p}
                onRemoved={(name) => {
                  setStatus(t('passkey.removed', { name }));
                  void refresh();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <AddPasskey
        onAdded={(name) => {
          setStatus(t('passkey.added', { name }));
          void refresh();
        }}
      />
    </section>
  );
}
