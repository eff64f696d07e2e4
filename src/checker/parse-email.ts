/**
 * A raw e-mail (RFC 5322) to checker input, with a real MIME parser (postal-mime): ISO-2022-JP,
 * Shift_JIS, UTF-8, base64, quoted-printable, multipart, HTML. A raw, un-encoded ISO-2022-JP
 * Subject (JIS escape sequences without RFC 2047) is not decoded by any parser we tried
 * (stack.md); encoding-japanese decodes it here.
 */
import Encoding from 'encoding-japanese';
import PostalMime from 'postal-mime';
import { InputError } from '../errors.ts';
import type { AttachmentInfo, CheckInput } from './types.ts';

const ESC = '\u001b';

function decodeRawJis(s: string | undefined): string | undefined {
  if (!s?.includes(`${ESC}$`)) return s;
  const codes = Encoding.stringToCode(s);
  return Encoding.codeToString(Encoding.convert(codes, { from: 'JIS', to: 'UNICODE' }));
}

function looksLikeEmail(head: string): boolean {
  // At least one "Name: value" header line before the first blank line.
  return (
    /^(?:[!-9;-~]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)+/m.test(head) &&
    /^(from|to|subject|date|received|message-id|mime-version|return-path|content-type):/im.test(head)
  );
}

export async function parseEmail(raw: Uint8Array | string): Promise<CheckInput> {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  if (bytes.length === 0) throw new InputError('empty_input', 'The e-mail is empty');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  if (!looksLikeEmail(head)) {
    throw new InputError(
      'invalid_email',
      'This is not a raw e-mail (no headers such as From: or Subject: were found)',
    );
  }
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (cause) {
    throw new InputError('invalid_email', `The e-mail could not be parsed: ${(cause as Error).message}`, {
      cause,
    });
  }
  const header = (name: string) => email.headers.filter((h) => h.key === name).map((h) => h.value);
  const subject = decodeRawJis(email.subject);
  const fromName = decodeRawJis(email.from?.name);
  const fromAddress = email.from && 'address' in email.from ? email.from.address : undefined;
  const attachments: AttachmentInfo[] = email.attachments.map((a) => ({
    filename: a.filename ?? '(no name)',
    mimeType: a.mimeType,
    size: typeof a.content === 'string' ? a.content.length : (a.content as ArrayBuffer).byteLength,
  }));
  const text = email.text ?? '';
  if (!text.trim() && !email.html && !subject) {
    throw new InputError('invalid_email', 'The e-mail has no subject and no readable body');
  }
  const replyTo = (email.replyTo ?? []).flatMap((a) => ('address' in a && a.address ? [a.address] : []));
  return {
    text,
    channel: 'email',
    ...(subject ? { subject } : {}),
    ...(fromAddress ? { sender: fromName ? `"${fromName}" <${fromAddress}>` : fromAddress } : {}),
    ...(email.html ? { html: email.html } : {}),
    email: {
      ...(fromAddress ? { fromAddress } : {}),
      ...(fromName ? { fromName } : {}),
      ...(replyTo.length ? { replyTo } : {}),
      ...(email.returnPath ? { returnPath: email.returnPath } : {}),
      authenticationResults: header('authentication-results'),
    },
    attachments,
  };
}
