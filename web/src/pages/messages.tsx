/**
 * メッセージボックス: GET /api/notices (newest first), unread marked, reference shown, body as
 * plain text (React escapes it; notices never contain links, src/notices/notice-safety.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Notice } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';

export function MessagesPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const notices = useQuery({
    queryKey: ['notices', i18n.language],
    queryFn: () => api<{ notices: Notice[]; unread: number }>('/api/notices'),
  });
  const markRead = useMutation({
    mutationFn: (ref: string) => api(`/api/notices/${encodeURIComponent(ref)}/read`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notices'] }),
  });
  const list = [...(notices.data?.notices ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <h1>
        {t('messages.title')}
        {notices.data && notices.data.unread > 0 && (
          <span className="badge">
            {t('messages.unread')} {notices.data.unread}
          </span>
        )}
      </h1>
      <p className="muted">{t('messages.intro')}</p>
      {notices.isPending && <Loading />}
      <ErrorText error={notices.error ?? markRead.error} />
      {notices.data && list.length === 0 && <p className="card">{t('messages.empty')}</p>}
      <ul className="notices">
        {list.map((n) => (
          <li key={n.ref} className={n.read ? 'card notice' : 'card notice unread'}>
            <article aria-labelledby={`n-${n.ref}`}>
              <header>
                <span className={n.read ? 'tag' : 'tag tag-new'}>
                  {n.read ? t('messages.read') : t('messages.unread')}
                </span>
                <h2 id={`n-${n.ref}`}>{n.title}</h2>
              </header>
              <p className="muted small">
                {t('messages.received')}:{' '}
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
                {' · '}
                {t('messages.ref')}: <span className="ref">{n.ref}</span>
              </p>
              <p className="notice-body">{n.body}</p>
              {!n.read && (
                <button type="button" onClick={() => markRead.mutate(n.ref)} disabled={markRead.isPending}>
                  {t('messages.markRead')}
                </button>
              )}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
