import { describe, expect, it } from 'vitest';
import { registryWithOverrides } from '../registry/index.ts';
import { checkMessage } from './index.ts';
import { checkResultSchema } from './result-schema.ts';

const codes = (r: ReturnType<typeof checkMessage>) => r.reasons.map((x) => x.code);

describe('checkMessage: contract shape', () => {
  it('returns every contract field, with reasons that carry evidence', () => {
    const r = checkMessage({
      text: '【NTTドコモ】ご利用料金が未払いです。本日中に https://docomo-security.top/login でお支払いください',
    });
    expect(checkResultSchema.parse(r)).toEqual(r);
    expect(r.verdict).toBe('phishing');
    expect(r.brand).toBe('docomo');
    expect(r.score).toBeGreaterThanOrEqual(60);
    const lookalike = r.reasons.find((x) => x.code === 'lookalike_domain');
    expect(lookalike?.evidence).toBe('https://docomo-security.top/login');
    expect(lookalike?.message).toContain('docomo-security.top');
    expect(r.links).toEqual([
      { url: 'https://docomo-security.top/login', domain: 'docomo-security.top', official: false },
    ]);
    expect(r.advice.some((a) => a.official_url === 'https://www.docomo.ne.jp/')).toBe(true);
  });

  it('never calls a message safe, even with nothing suspicious in it', () => {
    const r = checkMessage({
      text: '【ドコモ】11月のご利用料金が確定しました。My docomoアプリでご確認いただけます。',
    });
    expect(r.verdict).toBe('no_signs');
    expect(JSON.stringify(r)).not.toMatch(/"safe"|安全です/);
    expect(r.advice.length).toBeGreaterThan(0);
  });

  it('answers in English with lang en', () => {
    const r = checkMessage(
      { text: 'SoftBank: verify your account now at https://softbank-verify.xyz/' },
      { lang: 'en' },
    );
    expect(r.verdict).toBe('phishing');
    // English messages: no kana (brand names may still be written in Japanese).
    expect(r.reasons.every((x) => !/[\u3040-\u30ff]/.test(x.message))).toBe(true);
    expect(r.reasons.find((x) => x.code === 'lookalike_domain')?.message).toMatch(
      /not an official SoftBank domain/,
    );
  });
});

describe('checkMessage: links as people write them', () => {
  const cases: Array<[string, string]> = [
    ['glued to Japanese text', '【au】料金未払いのためhttps://au-kddi-pay.top/xからお支払いください'],
    [
      'full-width',
      '【楽天カード】ご利用確認はｈｔｔｐｓ：／／ｒａｋｕｔｅｎ－ｃａｒｄ．ｓｈｏｐ／ｌｏｇｉｎ',
    ],
    ['without scheme', '三井住友カード：不正利用の可能性があります smbc-card-check.com/verify'],
    ['defanged', '【ソフトバンク】ご確認ください hxxps://softbank-support[.]xyz/login'],
    ['broken over lines', '【ドコモ】お支払い確認 https://docomo-pay-\nconfirm.icu/login'],
    ['brand in subdomain', 'ドコモです。 https://docomo.ne.jp.secure-check.xyz/'],
    ['user@host', 'ドコモです。 https://www.docomo.ne.jp@evil-site.example/login'],
    ['decimal IP', 'ドコモです。ご確認ください http://3232235777/login'],
    ['homoglyph', 'ドコモです。ご確認ください https://dоcomo.com/'],
    ['punycode', 'ドコモです。ご確認ください https://xn--dcomo-jye.com/'],
    ['tld swap', 'ドコモです。ご確認ください https://docomo.jp/login'],
  ];
  for (const [name, text] of cases) {
    it(`flags a lookalike link ${name}`, () => {
      const r = checkMessage({ text });
      expect(r.verdict, JSON.stringify(r.reasons)).toBe('phishing');
      expect(r.links.length).toBeGreaterThan(0);
      expect(r.links.every((l) => !l.official)).toBe(true);
    });
  }

  it('reads hrefs in HTML and catches link text that shows another domain', () => {
    const html =
      '<p>ご確認ください</p><a href="https://secure-login.example.top/a">https://www.smbc-card.com/</a>';
    const r = checkMessage({ text: '', html, sender: '"三井住友カード" <info@smbc-card.com>' });
    expect(codes(r)).toContain('link_text_mismatch');
    expect(r.verdict).toBe('phishing');
  });

  it('flags shorteners, free hosting and open redirects', () => {
    expect(codes(checkMessage({ text: '【ドコモ】https://bit.ly/3xYz' }))).toContain('url_shortener');
    expect(codes(checkMessage({ text: '【ドコモ】https://docomo-check.web.app/' }))).toContain(
      'free_hosting',
    );
    expect(codes(checkMessage({ text: '【au】https://evil-example-com.translate.goog/login' }))).toContain(
      'open_redirect',
    );
  });

  it('does not flag official domains and their subdomains', () => {
    for (const url of [
      'https://www.docomo.ne.jp/info/',
      'https://id.smt.docomo.ne.jp/src/utility/notice.html',
      'https://my.softbank.jp/',
      'https://www.smbc-card.com/mem/index.jsp?x=1',
    ]) {
      const r = checkMessage({ text: `ご利用料金が確定しました。詳細は ${url} をご覧ください。` });
      expect(r.verdict, `${url}: ${JSON.stringify(r.reasons)}`).toBe('no_signs');
      expect(r.links[0]?.official).toBe(true);
    }
  });
});

describe('checkMessage: phone numbers and senders', () => {
  it('a number that claims a brand but is not its number is strong evidence', () => {
    const r = checkMessage({
      text: '【NTTドコモ】ご利用料金に未納があります。至急 ０５０－１２３４－５６７８ までお電話ください。',
    });
    expect(r.verdict).toBe('phishing');
    expect(codes(r)).toEqual(expect.arrayContaining(['unofficial_phone', 'ip_phone_number']));
    expect(r.phones).toEqual([{ number: '+81-50-1234-5678', official: false }]);
  });

  it("the brand's own number is official", () => {
    const r = checkMessage({
      text: 'ドコモの携帯電話を紛失された場合は 0120-524-360 で利用中断をお申し込みください。',
    });
    expect(r.phones).toEqual([{ number: '+81-120-524-360', official: true }]);
    expect(r.verdict).toBe('no_signs');
  });

  it('an SMS claiming a brand from a personal mobile number is flagged', () => {
    const r = checkMessage({
      text: '【au】お支払い確認が必要です https://au-payment.top/',
      sender: '090-1234-5678',
    });
    expect(codes(r)).toContain('sender_personal_number');
  });

  it('known spoofed sender names are flagged', () => {
    const r = checkMessage({ text: 'お客様のご利用料金についてご確認ください', sender: 'SoffBank' });
    expect(codes(r)).toContain('spoofed_sender_name');
  });

  it('display-name spoofing in e-mail', () => {
    const r = checkMessage({
      text: 'お客様のアカウントを確認してください https://random-host.example.com/',
      sender: '"NTTドコモ" <notice@random-mailer.example>',
      channel: 'email',
    });
    expect(codes(r)).toContain('display_name_spoof');
    expect(r.verdict).toBe('phishing');
  });
});

describe('checkMessage: wording', () => {
  it('a genuine notice that says the company never asks for card data is not a request', () => {
    const r = checkMessage({
      text: '三井住友カードがメールやSMSでカード番号や暗証番号をお尋ねすることはありません。Vpassアプリでご確認ください。',
    });
    expect(codes(r)).not.toContain('credential_request');
    expect(r.verdict).toBe('no_signs');
  });

  it('a genuine one-time code is not a code request; asking to pass a code on is', () => {
    expect(
      codes(checkMessage({ text: '認証番号は 482913 です。この番号を他人に教えないでください。' })),
    ).not.toContain('code_request');
    const scam = checkMessage({
      text: '【ソフトバンク】本人確認のため、届いた認証コードをこのSMSに返信してください。',
    });
    expect(codes(scam)).toContain('code_request');
    expect(scam.verdict).toBe('phishing');
  });

  it('gift-card payment demands are phishing even without a link', () => {
    const r = checkMessage({
      text: '【Apple】未払い料金があります。Appleギフトカードを購入し、裏面の番号をこのメッセージに送ってください。',
    });
    expect(codes(r)).toContain('gift_card_payment');
    expect(r.verdict).toBe('phishing');
  });

  it('simplified Chinese characters mixed into Japanese are noticed', () => {
    const r = checkMessage({
      text: '【楽天カード】您的账户存在异常，请点击 https://rakuten-card-jp.cn/ 验证',
    });
    expect(codes(r)).toContain('chinese_characters');
  });

  it('a message with no link, no number and no request is never phishing', () => {
    const r = checkMessage({
      text: '【緊急】あなたのアカウントは本日中に利用停止になります！！至急、直ちに確認が必要です。外部からの不正アクセスを検知しました。',
    });
    expect(r.verdict).not.toBe('phishing');
  });
});

describe('checkMessage: registry overrides', () => {
  it('a domain added by the operator is official', () => {
    const text = '【ドコモ】ご案内 https://docomo-campaign.example.jp/info';
    expect(checkMessage({ text }).verdict).toBe('phishing');
    const registry = registryWithOverrides([
      {
        id: 'docomo',
        official_domains: ['docomo-campaign.example.jp'],
        domain_sources: [
          {
            domain: 'docomo-campaign.example.jp',
            source: 'https://operator.example/verified',
            source_type: 'operator',
          },
        ],
      },
    ]);
    const r = checkMessage({ text }, { registry });
    expect(r.links[0]?.official).toBe(true);
    expect(r.verdict).toBe('no_signs');
  });
});

describe('checkMessage: regressions', () => {
  it('a full-width link right after a Japanese full stop is still found', () => {
    const r = checkMessage({
      text: 'ａｕ：ご利用料金のお支払いが確認できません。ａｕ－ｋｄｄｉ．ｔｏｐ／ｐａｙ',
    });
    expect(r.links.map((l) => l.domain)).toEqual(['au-kddi.top']);
    expect(r.verdict).toBe('phishing');
  });

  it('an ideographic full stop inside a host name is read as a dot', () => {
    const r = checkMessage({ text: '【ドコモ】ご確認ください docomo-check。top/login' });
    expect(r.links.map((l) => l.domain)).toEqual(['docomo-check.top']);
  });
});

describe('checkMessage: senders and hosts seen in smishing', () => {
  it('an SMS from a foreign number is flagged', () => {
    const r = checkMessage({
      text: '【重要】お客様のアカウントで異常なログインがありました。確認はこちら https://kzv-jp.example.com/a',
      sender: '+63 927 441 0093',
    });
    expect(r.reasons.map((x) => x.code)).toContain('sender_international');
    expect(r.verdict).toBe('phishing');
    expect(
      checkMessage({ text: 'テスト', sender: '+81 90 1234 5678' }).reasons.map((x) => x.code),
    ).not.toContain('sender_international');
  });

  it('a host spaced out around its dot is still read as a link', () => {
    const r = checkMessage({
      text: '【au】未払い料金のご確認→ au-pay-chk . top (スペースを削除してアクセスしてください)',
    });
    expect(r.links.map((l) => l.domain)).toEqual(['au-pay-chk.top']);
  });

  it('an official domain only in the path does not excuse an unknown host', () => {
    const r = checkMessage({
      text: '【Amazon】ご注文に心当たりがない場合はこちらからキャンセルしてください https://secure-login.example.co/www.amazon.co.jp/ap/signin',
    });
    expect(r.reasons.map((x) => x.code)).toEqual(
      expect.arrayContaining(['brand_in_path', 'unofficial_link']),
    );
    expect(r.verdict).toBe('phishing');
  });
});
