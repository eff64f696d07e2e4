/**
 * Every reason code with its severity, its points toward the score, and its message in Japanese
 * and English. Codes are stable identifiers (contract: "a stable snake_case identifier").
 * Messages are written for a person who is not an expert: what was found, in plain words.
 */
import type { Lang, Severity } from './types.ts';

type Params = Record<string, string>;
type Template = (p: Params) => string;

export interface ReasonSpec {
  severity: Severity;
  points: number;
  ja: Template;
  en: Template;
}

const b = (p: Params, lang: Lang) => (lang === 'ja' ? p.brandJa : p.brandEn) ?? '';

export const REASONS = {
  lookalike_domain: {
    severity: 'high',
    points: 75,
    ja: (p) => `リンク先 ${p.domain} は${p.brandJa}の公式ドメインではありません（${p.detailJa}）`,
    en: (p) => `The link goes to ${p.domain}, which is not an official ${p.brandEn} domain (${p.detailEn})`,
  },
  homoglyph_domain: {
    severity: 'high',
    points: 80,
    ja: (p) =>
      `リンク先 ${p.domain} は見た目の似た文字を使って${p.brandJa}の公式ドメイン ${p.official} に見せかけています`,
    en: (p) =>
      `The link ${p.domain} uses look-alike characters to pass for ${p.brandEn}'s official domain ${p.official}`,
  },
  brand_in_subdomain: {
    severity: 'high',
    points: 75,
    ja: (p) => `リンク先は ${p.domain} というまったく別のドメインで、前に付けた「${p.official}」は飾りです`,
    en: (p) => `The link really goes to ${p.domain}; the "${p.official}" in front of it is decoration`,
  },
  brand_in_path: {
    severity: 'medium',
    points: 25,
    ja: (p) =>
      `リンク先 ${p.domain} はURLの途中に「${p.official}」を入れて${p.brandJa}のページに見せかけています`,
    en: (p) => `The link to ${p.domain} puts "${p.official}" in its path to look like a ${p.brandEn} page`,
  },
  unofficial_link: {
    severity: 'high',
    points: 45,
    ja: (p) =>
      `${p.brandJa}を名乗るメッセージですが、リンク先 ${p.domain} は${p.brandJa}の公式ドメインではありません`,
    en: (p) =>
      `The message claims to be from ${p.brandEn}, but the link goes to ${p.domain}, which is not an official ${p.brandEn} domain`,
  },
  unknown_link: {
    severity: 'low',
    points: 15,
    ja: (p) => `リンク先 ${p.domain} は登録されているどの公式ドメインとも一致しません`,
    en: (p) => `The link goes to ${p.domain}, which matches no official domain we know`,
  },
  unverified_domain: {
    severity: 'low',
    points: 5,
    ja: (p) =>
      `リンク先 ${p.domain} は${p.brandJa}のドメインとされていますが、公式情報では確認できていません`,
    en: (p) =>
      `The link ${p.domain} is said to belong to ${p.brandEn}, but this is not confirmed by an official source`,
  },
  url_userinfo: {
    severity: 'high',
    points: 75,
    ja: (p) => `リンクの「@」より前の「${p.userinfo}」は飾りで、実際の行き先は ${p.domain} です`,
    en: (p) =>
      `Everything before "@" in the link ("${p.userinfo}") is decoration; it really goes to ${p.domain}`,
  },
  ip_address_link: {
    severity: 'high',
    points: 55,
    ja: (p) =>
      `リンク先がドメイン名ではなく数字のアドレス（${p.domain}${p.formJa}）です。正規の企業はこうしたリンクを送りません`,
    en: (p) =>
      `The link points to a numeric address (${p.domain}${p.formEn}) instead of a domain name; real companies do not send such links`,
  },
  unusual_port: {
    severity: 'medium',
    points: 20,
    ja: (p) => `リンクに通常使われない番号（ポート ${p.port}）が付いています`,
    en: (p) => `The link uses an unusual port (${p.port})`,
  },
  url_shortener: {
    severity: 'medium',
    points: 25,
    ja: (p) => `短縮URL（${p.domain}）で本当の行き先が隠されています`,
    en: (p) => `A short link (${p.domain}) hides where it really leads`,
  },
  brand_shortener: {
    severity: 'low',
    points: 10,
    ja: (p) =>
      `${p.domain} は${p.brandJa}が使うとされる短縮URLですが、行き先は見えず、公式情報でも確認できていません`,
    en: (p) =>
      `${p.domain} is reportedly a ${p.brandEn} short link, but its target is hidden and this is not officially confirmed`,
  },
  free_hosting: {
    severity: 'medium',
    points: 30,
    ja: (p) => `リンク先 ${p.domain} は誰でも無料でページを作れるサービス上にあります`,
    en: (p) => `The link ${p.domain} is on a service where anyone can publish a page for free`,
  },
  open_redirect: {
    severity: 'medium',
    points: 30,
    ja: (p) => `${p.label}を経由して別のサイトへ転送するリンクです（${p.domain}）`,
    en: (p) => `The link passes through a redirect (${p.domain}) to another site`,
  },
  abuse_tld: {
    severity: 'medium',
    points: 20,
    ja: (p) => `リンク先のドメインの末尾「.${p.tld}」は、フィッシングでの悪用が多いものです`,
    en: (p) => `The link's domain ending ".${p.tld}" is heavily used for phishing`,
  },
  script_link: {
    severity: 'high',
    points: 70,
    ja: (p) => `開くとプログラムやデータを直接読み込むリンク（${p.scheme}:）が含まれています`,
    en: (p) => `The message contains a link that runs a script or loads data directly (${p.scheme}:)`,
  },
  link_text_mismatch: {
    severity: 'high',
    points: 60,
    ja: (p) => `表示されているリンク「${p.shown}」と、実際の行き先 ${p.domain} が違います`,
    en: (p) => `The link shows "${p.shown}" but really goes to ${p.domain}`,
  },
  punycode_domain: {
    severity: 'medium',
    points: 20,
    ja: (p) => `リンク先 ${p.domain} は英字に似た別の文字（国際化ドメイン）を使っています`,
    en: (p) => `The link ${p.domain} uses characters from other alphabets that look like Latin letters`,
  },
  defanged_link: {
    severity: 'low',
    points: 10,
    ja: () => 'リンクが「hxxp」「[.]」など、迷惑メールフィルターを避ける書き方になっています',
    en: () => 'A link is written in a way meant to slip past filters (hxxp, [.])',
  },
  unofficial_phone: {
    severity: 'high',
    points: 60,
    ja: (p) =>
      `${p.brandJa}を名乗っていますが、電話番号 ${p.number} は${p.brandJa}の公式番号として確認できません`,
    en: (p) =>
      `The message claims to be from ${p.brandEn}, but ${p.number} is not a known ${p.brandEn} number`,
  },
  unknown_phone: {
    severity: 'low',
    points: 10,
    ja: (p) => `電話番号 ${p.number} は登録されているどの公式番号とも一致しません`,
    en: (p) => `The number ${p.number} matches no official number we know`,
  },
  ip_phone_number: {
    severity: 'medium',
    points: 15,
    ja: (p) => `連絡先の ${p.number} は誰でも取得しやすいIP電話（050）の番号です`,
    en: (p) => `${p.number} is an IP phone (050) number, easy for anyone to obtain`,
  },
  mobile_callback: {
    severity: 'medium',
    points: 20,
    ja: (p) => `連絡先が個人の携帯電話番号（${p.number}）です`,
    en: (p) => `The contact number is a personal mobile number (${p.number})`,
  },
  international_phone: {
    severity: 'medium',
    points: 30,
    ja: (p) => `連絡先が海外の電話番号（${p.number}）です`,
    en: (p) => `The contact number is a foreign number (${p.number})`,
  },
  official_phone: {
    severity: 'info',
    points: 0,
    ja: (p) => `電話番号 ${p.number} は${p.brandJa}の窓口として案内されている番号です${p.caveatJa}`,
    en: (p) => `${p.number} is listed as a ${p.brandEn} contact number${p.caveatEn}`,
  },
  official_link: {
    severity: 'info',
    points: 0,
    ja: (p) =>
      `リンク先 ${p.domain} は${p.brandJa}の公式ドメインです（ただし、リンクは開かず公式アプリから確認するのが確実です）`,
    en: (p) =>
      `${p.domain} is an official ${p.brandEn} domain (still, opening the official app yourself is the sure way)`,
  },
  sender_personal_number: {
    severity: 'high',
    points: 45,
    ja: (p) => `${p.brandJa}を名乗るSMSが、個人の携帯電話番号（${p.sender}）から送られています`,
    en: (p) => `An SMS claiming to be from ${p.brandEn} was sent from a personal mobile number (${p.sender})`,
  },
  sender_international: {
    severity: 'high',
    points: 45,
    ja: (p) => `SMSが海外の番号（${p.sender}）から送られています`,
    en: (p) => `The SMS was sent from a foreign number (${p.sender})`,
  },
  spoofed_sender_name: {
    severity: 'high',
    points: 70,
    ja: (p) => `送信者名「${p.sender}」は、${p.brandJa}が偽物として注意を呼びかけている名前です`,
    en: (p) => `The sender name "${p.sender}" is one ${p.brandEn} warns is used by fakes`,
  },
  official_sender: {
    severity: 'info',
    points: 0,
    ja: (p) =>
      `送信元「${p.sender}」は${p.brandJa}の送信元として案内されているものです${p.caveatJa}。ただし送信元は偽装できるため、これだけで本物とは言えません`,
    en: (p) =>
      `The sender "${p.sender}" is listed as a ${p.brandEn} sender${p.caveatEn}; senders can be forged, so this alone proves nothing`,
  },
  sender_domain_mismatch: {
    severity: 'high',
    points: 45,
    ja: (p) =>
      `${p.brandJa}を名乗るメールですが、送信元アドレスのドメイン ${p.domain} は${p.brandJa}のものではありません`,
    en: (p) =>
      `The e-mail claims to be from ${p.brandEn}, but the sender's domain ${p.domain} is not ${p.brandEn}'s`,
  },
  display_name_spoof: {
    severity: 'high',
    points: 65,
    ja: (p) => `差出人名は「${p.name}」ですが、実際の送信元アドレスは ${p.address} です`,
    en: (p) => `The sender name says "${p.name}" but the real address is ${p.address}`,
  },
  reply_to_mismatch: {
    severity: 'medium',
    points: 20,
    ja: (p) => `返信先（${p.address}）が送信元と別のドメインに設定されています`,
    en: (p) => `Replies would go to a different domain (${p.address})`,
  },
  auth_dmarc_fail: {
    severity: 'high',
    points: 45,
    ja: () => '送信ドメイン認証（DMARC）に失敗しています。送信元が偽装されている可能性が高いです',
    en: () => 'The message failed sender authentication (DMARC); the sender is probably forged',
  },
  auth_spf_fail: {
    severity: 'medium',
    points: 15,
    ja: () => '送信元の認証（SPF）に失敗しています',
    en: () => 'The message failed SPF sender authentication',
  },
  auth_dkim_fail: {
    severity: 'medium',
    points: 15,
    ja: () => '電子署名（DKIM）の検証に失敗しています',
    en: () => 'The message failed DKIM signature verification',
  },
  dangerous_attachment: {
    severity: 'high',
    points: 60,
    ja: (p) => `危険な種類の添付ファイル（${p.filename}）があります。開かないでください`,
    en: (p) => `It has a dangerous kind of attachment (${p.filename}); do not open it`,
  },
  credential_request: {
    severity: 'high',
    points: 45,
    ja: () =>
      'カード番号・暗証番号・パスワードなどの入力や送信を求めています。正規の企業がメッセージでこれらを求めることはありません',
    en: () =>
      'It asks you to enter or send card numbers, PINs or passwords; real companies never ask for these in a message',
  },
  code_request: {
    severity: 'high',
    points: 50,
    ja: () => '認証コード（ワンタイムパスワード）を教えるよう求めています。コードは誰にも伝えてはいけません',
    en: () => 'It asks you to pass on a verification code; never give a code to anyone',
  },
  gift_card_payment: {
    severity: 'high',
    points: 60,
    ja: () => 'ギフトカードや電子マネーでの支払いを求めています。これは詐欺の典型的な手口です',
    en: () => 'It asks for payment with gift cards or e-money, a typical scam',
  },
  reply_request: {
    severity: 'medium',
    points: 20,
    ja: () => 'このメッセージへの返信を求めています',
    en: () => 'It asks you to reply to the message',
  },
  call_request: {
    severity: 'low',
    points: 5,
    ja: () => 'メッセージ内の番号へ電話するよう促しています',
    en: () => 'It urges you to call a number given in the message',
  },
  urgent_wording: {
    severity: 'low',
    points: 12,
    ja: (p) => `「${p.evidence}」のように急がせる言葉があります`,
    en: (p) => `It rushes you ("${p.evidence}")`,
  },
  threat_wording: {
    severity: 'medium',
    points: 15,
    ja: (p) => `「${p.evidence}」のように不安をあおる言葉があります`,
    en: (p) => `It threatens consequences ("${p.evidence}")`,
  },
  lure_topic: {
    severity: 'low',
    points: 8,
    ja: (p) => `「${p.evidence}」はフィッシングでよく使われる話題です`,
    en: (p) => `"${p.evidence}" is a common phishing topic`,
  },
  link_call_to_action: {
    severity: 'medium',
    points: 15,
    ja: () => 'リンクを開いて手続きやログインをするよう促しています',
    en: () => 'It urges you to open a link and log in or act',
  },
  unnatural_japanese: {
    severity: 'medium',
    points: 15,
    ja: (p) => `「${p.evidence}」など、日本の企業が使わない不自然な日本語があります`,
    en: (p) => `It contains unnatural Japanese that Japanese companies do not write ("${p.evidence}")`,
  },
  chinese_characters: {
    severity: 'medium',
    points: 25,
    ja: (p) => `日本語では使わない中国語の字や言葉（「${p.evidence}」）が混ざっています`,
    en: (p) => `It mixes in Chinese characters or words not used in Japanese ("${p.evidence}")`,
  },
  no_warning_signs: {
    severity: 'info',
    points: 0,
    ja: () => 'リンク・電話番号・送信元・文面に、フィッシングによく見られる特徴は見つかりませんでした',
    en: () => 'No common phishing signs were found in the links, numbers, sender or wording',
  },
  auth_pass: {
    severity: 'info',
    points: 0,
    ja: (p) => `送信ドメイン認証（DMARC）に合格しています（${p.domain}）。ただし本物の証明にはなりません`,
    en: (p) => `The message passed DMARC for ${p.domain}; this is not proof it is genuine`,
  },
} satisfies Record<string, ReasonSpec>;

export type ReasonCode = keyof typeof REASONS;

export function reasonText(code: ReasonCode, params: Params, lang: Lang): string {
  const spec: ReasonSpec = REASONS[code];
  return lang === 'en' ? spec.en(params) : spec.ja(params);
}

export { b as brandName };
