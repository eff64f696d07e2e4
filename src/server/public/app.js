// Mamori checker page. No framework. Message data is only ever rendered with textContent and
// createElement (no string is parsed as HTML), and links found in a message are shown as
// text, never as clickable links.

(() => {
  const MAX_EML_BYTES = 1024 * 1024; // the server's default BODY_LIMIT

  const TEXT = {
    ja: {
      title: 'Mamori（守り）メッセージ確認',
      appLink: 'マイページ（サインイン）',
      intro:
        '携帯電話会社やカード会社を名乗る SMS・メールが本物かどうかを確認します。メッセージ内のリンクは開かず、電話もかけずに、そのまま貼り付けてください。',
      textLabel: '届いたメッセージを貼り付けてください',
      senderLabel: '送信元（わかれば）',
      senderHint: 'SMS の送信者名・電話番号、またはメールの差出人アドレス',
      subjectLabel: '件名（メールの場合）',
      channelLabel: '届いた方法',
      channelUnknown: '指定しない',
      channelEmail: 'メール',
      emlLabel: 'または、メールの原文ファイル（.eml）を選ぶ',
      emlHint: 'ファイルを選ぶと、上の本文欄の代わりにファイルの内容を確認します。',
      submit: '確認する',
      reasons: '理由',
      links: 'メッセージ内のリンク',
      linksNote: 'リンクは開かないでください（ここでは開けないように表示しています）。',
      phones: 'メッセージ内の電話番号',
      advice: 'どうすればよいか',
      footer:
        'Mamori はメッセージを保存しません。判定は目安です。不安なときは公式アプリ、または自分で調べた公式の窓口で確認してください。',
      checking: '確認しています…',
      done: '確認が終わりました。',
      empty: 'メッセージを貼り付けるか、.eml ファイルを選んでください。',
      tooLarge: 'ファイルが大きすぎます（1 MB まで）。',
      network: 'サーバーに接続できませんでした。時間をおいてもう一度お試しください。',
      official: '公式',
      unofficial: '非公式',
      officialSite: '公式サイト: ',
      score: (n) => `危険度 ${n}/100`,
      severity: { high: '高', medium: '中', low: '低', info: '参考' },
      headline: {
        phishing: 'フィッシングの可能性が高い',
        suspicious: '注意が必要です（不審な点があります）',
        no_signs: '不審な点は見つかりませんでした',
      },
      summary: {
        phishing:
          'リンクを開かず、電話をかけず、返信もしないでください。公式アプリや自分で開いた公式サイトで確認してください。',
        suspicious:
          'メッセージ内のリンクや電話番号は使わず、公式アプリや自分で開いた公式サイトで確認してください。',
        no_signs:
          '不審な点は見つかりませんでしたが、念のためメッセージ内のリンクではなく公式アプリで確認するのが確実です。',
      },
    },
    en: {
      title: 'Mamori message check',
      appLink: 'My page (sign in)',
      intro:
        'Check whether an SMS or e-mail that claims to be from your carrier or card company is genuine. Do not open its links or call its numbers; just paste it here.',
      textLabel: 'Paste the message you received',
      senderLabel: 'Sender (if known)',
      senderHint: 'SMS sender name or number, or the e-mail From address',
      subjectLabel: 'Subject (e-mail)',
      channelLabel: 'Received by',
      channelUnknown: 'Not specified',
      channelEmail: 'E-mail',
      emlLabel: 'Or choose the raw e-mail file (.eml)',
      emlHint: 'When a file is chosen, the file is checked instead of the text above.',
      submit: 'Check',
      reasons: 'Reasons',
      links: 'Links in the message',
      linksNote: 'Do not open these links (they are shown as plain text on purpose).',
      phones: 'Phone numbers in the message',
      advice: 'What to do',
      footer:
        'Mamori does not store your message. The verdict is a guide: when in doubt, use the official app or a contact you looked up yourself.',
      checking: 'Checking…',
      done: 'Check finished.',
      empty: 'Paste a message or choose an .eml file.',
      tooLarge: 'The file is too large (1 MB at most).',
      network: 'Could not reach the server. Please try again later.',
      official: 'official',
      unofficial: 'NOT official',
      officialSite: 'Official site: ',
      score: (n) => `Risk ${n}/100`,
      severity: { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' },
      headline: {
        phishing: 'Likely phishing',
        suspicious: 'Be careful: warning signs found',
        no_signs: 'No warning signs found',
      },
      summary: {
        phishing:
          'Do not open the links, do not call, do not reply. Check in the official app or a site you open yourself.',
        suspicious:
          'Do not use any link or number in the message. Check in the official app or a site you open yourself.',
        no_signs: 'Nothing suspicious was found, but the official app is still the surest place to check.',
      },
    },
  };

  let lang = 'ja';
  let lastRequest = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function applyLanguage() {
    const t = TEXT[lang];
    document.documentElement.lang = lang;
    document.title = t.title;
    for (const node of document.querySelectorAll('[data-i18n]')) {
      const value = t[node.getAttribute('data-i18n')];
      if (typeof value === 'string') node.textContent = value;
    }
    for (const button of document.querySelectorAll('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === lang));
    }
  }

  function setStatus(message, isError) {
    const status = $('status');
    status.textContent = message;
    status.classList.toggle('error', Boolean(isError));
  }

  function buildRequest() {
    const file = $('eml').files[0];
    if (file) {
      if (file.size > MAX_EML_BYTES) return { error: TEXT[lang].tooLarge };
      return { body: file, type: 'message/rfc822' };
    }
    const text = $('text').value;
    if (text.trim() === '') return { error: TEXT[lang].empty };
    const payload = { text };
    const sender = $('sender').value.trim();
    const subject = $('subject').value.trim();
    const channel = $('channel').value;
    if (sender) payload.sender = sender;
    if (subject) payload.subject = subject;
    if (channel) payload.channel = channel;
    return { body: JSON.stringify(payload), type: 'application/json' };
  }

  async function send(request) {
    const t = TEXT[lang];
    setStatus(t.checking, false);
    $('submit').disabled = true;
    try {
      const response = await fetch(`/api/check?lang=${lang}`, {
        method: 'POST',
        headers: { 'content-type': request.type, accept: 'application/json' },
        body: request.body,
      });
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const message = typeof data?.error?.message === 'string' ? data.error.message : t.network;
        setStatus(message, true);
        return;
      }
      render(data);
      setStatus(t.done, false);
    } catch {
      setStatus(t.network, true);
    } finally {
      $('submit').disabled = false;
    }
  }

  function fillList(list, items, renderItem) {
    list.replaceChildren(...items.map(renderItem));
  }

  function render(result) {
    const t = TEXT[lang];
    const section = $('result');
    section.hidden = false;
    section.className = `result verdict-${result.verdict}`;
    $('verdict-heading').textContent = t.headline[result.verdict] || result.verdict;
    $('verdict-score').textContent = t.score(result.score);
    $('verdict-summary').textContent = t.summary[result.verdict] || '';

    fillList($('reasons'), result.reasons, (reason) => {
      const li = el('li', `severity-${reason.severity}`);
      li.append(
        el('span', 'badge', t.severity[reason.severity] || reason.severity),
        ' ',
        el('span', '', reason.message),
      );
      if (reason.evidence) li.append(el('code', 'evidence', reason.evidence));
      return li;
    });

    $('links-block').hidden = result.links.length === 0;
    fillList($('links'), result.links, (link) => {
      const li = el('li', link.official ? 'official' : 'unofficial');
      li.append(
        el('span', 'badge', link.official ? t.official : t.unofficial),
        ' ',
        el('code', '', link.url),
      );
      return li;
    });

    $('phones-block').hidden = result.phones.length === 0;
    fillList($('phones'), result.phones, (phone) => {
      const li = el('li', phone.official ? 'official' : 'unofficial');
      li.append(
        el('span', 'badge', phone.official ? t.official : t.unofficial),
        ' ',
        el('code', '', phone.number),
      );
      return li;
    });

    $('advice-block').hidden = result.advice.length === 0;
    fillList($('advice'), result.advice, (advice) => {
      const li = el('li', '', advice.message);
      // official_url comes from the server's registry, not from the message; still, only https.
      if (typeof advice.official_url === 'string' && advice.official_url.startsWith('https://')) {
        const p = el('p', 'official-url', t.officialSite);
        const a = el('a', '', advice.official_url);
        a.href = advice.official_url;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        p.append(a);
        li.append(p);
      }
      return li;
    });

    section.focus();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('check-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const request = buildRequest();
      if (request.error) {
        setStatus(request.error, true);
        return;
      }
      lastRequest = request;
      void send(request);
    });

    for (const button of document.querySelectorAll('[data-lang]')) {
      button.addEventListener('click', () => {
        lang = button.getAttribute('data-lang') === 'en' ? 'en' : 'ja';
        applyLanguage();
        setStatus('', false);
        // Re-ask so reasons and advice come back in the new language.
        if (lastRequest && !$('result').hidden) void send(lastRequest);
      });
    }
    applyLanguage();
  });
})();
