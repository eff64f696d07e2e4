/**
 * API キーと Webhook (GET/POST/DELETE /api/operator/api-keys and /webhooks): list, create (the
 * secret is shown once, with a warning, and never again), revoke / deactivate after a confirmation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiKeyBodySchema, webhookBodySchema } from '../../../src/operator/schemas.ts';
import { api } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';
import { Confirm, RequireOperator } from './common.tsx';
import type { ApiKeyView, WebhookView } from './types.ts';

function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="ops-secret" role="status">
      <p>
        <strong>{t('operator.settings.secretWarning')}</strong>
      </p>
      <p className="small">{label}</p>
      <code className="ops-secret-value" data-testid="secret-once">
        {secret}
      </code>
      <div className="ops-buttons">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).catch(() => undefined);
          }}
        >
          {t('operator.settings.copy')}
        </button>
        <button type="button" className="ops-primary" onClick={onDone}>
          {t('operator.settings.saved')}
        </button>
      </div>
    </div>
  );
}

function RevokeButton({
  label,
  confirmTitle,
  onRevoke,
  busy,
}: {
  label: string;
  confirmTitle: string;
  onRevoke: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  return (
    <Confirm
      title={confirmTitle}
      body={t('operator.settings.revokeBody')}
      confirmLabel={label}
      busy={busy}
      onConfirm={onRevoke}
      onCancel={() => setConfirming(false)}
    />
  );
}

function ApiKeys() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const keys = useQuery({
    queryKey: ['ops', 'api-keys', i18n.language],
    queryFn: () => api<{ keys: ApiKeyView[] }>('/api/operator/api-keys'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ops', 'api-keys'] });
  const create = useMutation({
    mutationFn: (n: string) =>
      api<{ key: ApiKeyView; secret: string }>('/api/operator/api-keys', { json: { name: n } }),
    onSuccess: async (r) => {
      setSecret({ name: r.key.name, secret: r.secret });
      setName('');
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/operator/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!apiKeyBodySchema.safeParse({ name }).success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    create.mutate(name.trim());
  };
  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('operator.settings.keysTitle')}</h2>
      <p className="small muted">{t('operator.settings.keysHelp')}</p>
      {secret && <SecretOnce label={secret.name} secret={secret.secret} onDone={() => setSecret(null)} />}
      {keys.isPending && <Loading />}
      <ErrorText error={keys.error ?? revoke.error} />
      {keys.data && keys.data.keys.length === 0 && <p>{t('operator.settings.noKeys')}</p>}
      <ul className="ops-plain">
        {keys.data?.keys.map((k) => (
          <li key={k.id} className="ops-setting-row">
            <div>
              <strong>{k.name}</strong> <code>{k.prefix}…</code>
              <p className="small muted">
                {t('operator.settings.created')}: {formatDateTime(k.createdAt, i18n.language)}
                {' · '}
                {t('operator.settings.lastUsed')}:{' '}
                {k.lastUsedAt ? formatDateTime(k.lastUsedAt, i18n.language) : t('operator.settings.never')}
                {k.revokedAt && (
                  <>
                    {' · '}
                    <span className="ops-revoked">
                      {t('operator.settings.revokedAt')}: {formatDateTime(k.revokedAt, i18n.language)}
                    </span>
                  </>
                )}
              </p>
            </div>
            {!k.revokedAt && (
              <RevokeButton
                label={t('operator.settings.revoke')}
                confirmTitle={t('operator.settings.revokeKeyTitle', { name: k.name })}
                busy={revoke.isPending}
                onRevoke={() => revoke.mutate(k.id)}
              />
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <label htmlFor="key-name">{t('operator.settings.keyName')}</label>
        <div className="row">
          <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          <button type="submit" className="ops-primary" disabled={create.isPending}>
            {t('operator.settings.createKey')}
          </button>
        </div>
        {invalid && (
          <p className="error" role="alert">
            {t('operator.settings.nameInvalid')}
          </p>
        )}
        <ErrorText error={create.error} />
      </form>
    </section>
  );
}

function Webhooks() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const hooks = useQuery({
    queryKey: ['ops', 'webhooks', i18n.language],
    queryFn: () => api<{ webhooks: WebhookView[] }>('/api/operator/webhooks'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ops', 'webhooks'] });
  const create = useMutation({
    mutationFn: (u: string) =>
      api<{ webhook: WebhookView; secret: string }>('/api/operator/webhooks', { json: { url: u } }),
    onSuccess: async (r) => {
      setSecret({ url: r.webhook.url, secret: r.secret });
      setUrl('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/operator/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!webhookBodySchema.safeParse({ url: url.trim() }).success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    create.mutate(url.trim());
  };
  return (
    <section className="card" aria-labelledby="hooks-title">
      <h2 id="hooks-title">{t('operator.settings.hooksTitle')}</h2>
      <p className="small muted">{t('operator.settings.hooksHelp')}</p>
      {secret && <SecretOnce label={secret.url} secret={secret.secret} onDone={() => setSecret(null)} />}
      {hooks.isPending && <Loading />}
      <ErrorText error={hooks.error ?? remove.error} />
      {hooks.data && hooks.data.webhooks.length === 0 && <p>{t('operator.settings.noHooks')}</p>}
      <ul className="ops-plain">
        {hooks.data?.webhooks.map((w) => (
          <li key={w.id} className="ops-setting-row">
            <div>
              <code className="inert ops-url">{w.url}</code>
              <p className="small muted">
                {w.active ? t('operator.settings.active') : t('operator.settings.inactive')}
                {' · '}
                {t('operator.settings.created')}: {formatDateTime(w.createdAt, i18n.language)}
              </p>
            </div>
            {w.active && (
              <RevokeButton
                label={t('operator.settings.deactivate')}
                confirmTitle={t('operator.settings.deactivateTitle')}
                busy={remove.isPending}
                onRevoke={() => remove.mutate(w.id)}
              />
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <label htmlFor="hook-url">{t('operator.settings.hookUrl')}</label>
        <div className="row">
          <input
            id="hook-url"
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            maxLength={2000}
          />
          <button type="submit" className="ops-primary" disabled={create.isPending}>
            {t('operator.settings.createHook')}
          </button>
        </div>
        {invalid && (
          <p className="error" role="alert">
            {t('operator.settings.urlInvalid')}
          </p>
        )}
        <ErrorText error={create.error} />
      </form>
    </section>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <RequireOperator>
      <h1>{t('operator.settings.title')}</h1>
      <ApiKeys />
      <Webhooks />
    </RequireOperator>
  );
}
