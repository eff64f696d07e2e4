import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { checkMessage } from './check-message.ts';
import { parseEmail } from './parse-email.ts';

/** Encodes a string as ISO-2022-JP (7-bit JIS) bytes, as Japanese mail software sends it. */
function jis(s: string): string {
  return Encoding.codeToString(Encoding.convert(Encoding.stringToCode(s), { from: 'UNICODE', to: 'JIS' }));
}
function b64(s: string): string {
  return Buffer.from(s, 'latin1').toString('base64');
}

describe('parseEmail', () => {
  it('decodes ISO-2022-JP headers and body, and keeps the header facts', async () => {
    const raw = [
      `From: =?ISO-2022-JP?B?${b64(jis('ＮＴＴドコモ'))}?= <support@docomo-account-check.top>`,
      'To: user@example.jp',
      `Subject: =?ISO-2022-JP?B?${b64(jis('【重要】ご利用料金のお支払い確認'))}?=`,
      'Reply-To: reply@another-host.example',
      'Authentication-Results: mx.example.jp; spf=fail smtp.mailfrom=docomo-account-check.top; dmarc=fail header.from=docomo-account-check.top',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=ISO-2022-JP',
      'Content-Transfer-Encoding: 7bit',
      '',
      jis('お支払いが確認できません。本日中に下記よりお手続きください。'),
      'https://docomo-account-check.top/pay',
      '',
    ].join('\r\n');
    const input = await parseEmail(Buffer.from(raw, 'latin1'));
    expect(input.subject).toBe('【重要】ご利用料金のお支払い確認');
    expect(input.email?.fromName).toBe('ＮＴＴドコモ');
    expect(input.email?.fromAddress).toBe('support@docomo-account-check.top');
    expect(input.email?.replyTo).toEqual(['reply@another-host.example']);
    expect(input.text).toContain('本日中に下記よりお手続きください');
    const r = checkMessage(input);
    expect(r.verdict).toBe('phishing');
    expect(r.reasons.map((x) => x.code)).toEqual(
      expect.arrayContaining(['auth_dmarc_fail', 'auth_spf_fail', 'reply_to_mismatch']),
    );
  });

  it('decodes a raw ISO-2022-JP subject that has no RFC 2047 wrapper', async () => {
    const raw = `From: info@example.jp\r\nSubject: ${jis('カード利用のお知らせ')}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nhello\r\n`;
    const input = await parseEmail(Buffer.from(raw, 'latin1'));
    expect(input.subject).toBe('カード利用のお知らせ');
  });

  it('reads HTML parts and dangerous attachments', async () => {
    const raw = [
      'From: "三井住友カード" <info@smbc-card-notice.example>',
      `Subject: =?UTF-8?B?${Buffer.from('ご利用確認').toString('base64')}?=`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<p>=E3=81=94=E7=A2=BA=E8=AA=8D</p><a href=3D"https://login-verify.example.top/">https://www.smbc-card.com/</a>',
      '--b1',
      'Content-Type: text/html; name="statement.html"',
      'Content-Disposition: attachment; filename="statement.html"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<form></form>').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    const input = await parseEmail(raw);
    expect(input.html).toContain('login-verify.example.top');
    expect(input.attachments?.map((a) => a.filename)).toEqual(['statement.html']);
    const codes = checkMessage(input).reasons.map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['dangerous_attachment', 'link_text_mismatch']));
  });

  it('refuses what is not an e-mail, with a coded error', async () => {
    await expect(parseEmail('just some pasted text without headers')).rejects.toThrow(InputError);
    await expect(parseEmail(new Uint8Array())).rejects.toMatchObject({ code: 'empty_input' });
    await expect(parseEmail('From: a@b.example\r\n\r\n')).rejects.toMatchObject({ code: 'invalid_email' });
  });
});
