/**
 * The safe next step. Always: open the official app or site yourself. For phishing: do not tap,
 * call or reply, and where to report. If the person may already have entered card data or a code:
 * the issuer's 24-hour line, #9110 and 188. Numbers come from the registry; a number known only
 * from secondary sources is shown with the advice to confirm it on the official site.
 */
import type { Brand, Registry } from '../registry/index.ts';
import { isVerified } from '../registry/index.ts';
import type { Advice, Lang, Verdict } from './types.ts';

const t = (lang: Lang, ja: string, en: string) => (lang === 'en' ? en : ja);

function portalName(brand: Brand, lang: Lang): string {
  if (brand.portal) return brand.portal;
  if (brand.apps[0]) return brand.apps[0];
  return lang === 'en' ? `${brand.nameEn}'s official app or site` : `${brand.nameJa}の公式アプリ・公式サイト`;
}

function cardStopLine(brand: Brand, lang: Lang): string | null {
  const phone =
    brand.phones.find((p) => p.purpose.startsWith('card_stop_24h') || p.purpose === 'fraud_desk_24h') ??
    brand.phones.find((p) => p.purpose.startsWith('card_stop') || p.purpose.startsWith('fraud_desk'));
  if (!phone) return null;
  const caveat = isVerified(phone.sourceType)
    ? ''
    : t(
        lang,
        '（公式情報では未確認のため、カード裏面や公式サイトで番号を確かめてください）',
        ' (not confirmed by an official source: check the number on the back of your card or the official site)',
      );
  return t(
    lang,
    `${brand.nameJa}の紛失・盗難・不正利用の窓口: ${phone.value}${caveat}`,
    `${brand.nameEn} card stop / fraud line: ${phone.value}${caveat}`,
  );
}

export function buildAdvice(input: {
  registry: Registry;
  brandId: string | null;
  verdict: Verdict;
  lang: Lang;
  asksForSecrets: boolean;
}): Advice[] {
  const { registry, brandId, verdict, lang } = input;
  const brand = brandId ? registry.byId.get(brandId) : undefined;
  const advice: Advice[] = [];

  if (verdict === 'phishing') {
    advice.push({
      message: t(
        lang,
        'メッセージ内のリンクは開かず、電話もかけず、返信もしないでください',
        'Do not open the links, call the numbers or reply to this message',
      ),
      official_url: null,
    });
  } else if (verdict === 'suspicious') {
    advice.push({
      message: t(
        lang,
        'メッセージ内のリンクや電話番号は使わないでください',
        'Do not use the links or numbers in this message',
      ),
      official_url: null,
    });
  }

  if (brand) {
    advice.push({
      message: t(
        lang,
        `${portalName(brand, lang)}を自分で開いて確認してください`,
        `Open ${portalName(brand, lang)} yourself and check there`,
      ),
      official_url: brand.homepage,
    });
  } else {
    advice.push({
      message: t(
        lang,
        'ご利用中のサービスの公式アプリや、ブックマークした公式サイトを自分で開いて確認してください',
        'Check in the official app of the service you use, or its official site from your own bookmark',
      ),
      official_url: null,
    });
  }

  if (verdict !== 'no_signs') {
    const council = registry.byId.get('antiphishing_jp');
    const email = council?.report?.email;
    advice.push({
      message: t(
        lang,
        `フィッシング対策協議会に報告できます${email ? `（${email} に転送。SMSはスクリーンショットを添付）` : ''}`,
        `You can report it to the Council of Anti-Phishing Japan${email ? ` (forward it to ${email}; for SMS attach a screenshot)` : ''}`,
      ),
      official_url: council?.report?.webForm ?? council?.homepage ?? null,
    });
    if (brand?.report?.email && isVerified(brand.report.sourceType)) {
      advice.push({
        message: t(
          lang,
          `${brand.nameJa}への報告先: ${brand.report.email}`,
          `Report to ${brand.nameEn}: ${brand.report.email}`,
        ),
        official_url: null,
      });
    }
  }

  if (verdict === 'phishing' || input.asksForSecrets) {
    const cardLine = brand ? cardStopLine(brand, lang) : null;
    advice.push({
      message: t(
        lang,
        `カード情報や認証コードを入力・送信してしまった場合は、すぐにカード会社の24時間窓口でカードを止めてください${cardLine ? `（${cardLine}）` : ''}。あわせて警察相談専用電話（#9110）や消費者ホットライン（188）に相談できます`,
        `If you already entered card details or a code, call your card issuer's 24-hour line now to stop the card${cardLine ? ` (${cardLine})` : ''}. You can also consult the police (#9110) or the consumer hotline (188)`,
      ),
      official_url: null,
    });
  }

  if (verdict === 'no_signs') {
    advice.push({
      message: t(
        lang,
        '不審な点は見つかりませんでしたが、本物と確定したわけではありません。心配なときは公式アプリで確認するのが確実です',
        'No warning signs were found, but that does not prove the message is genuine; the official app is the sure way to check',
      ),
      official_url: null,
    });
  }
  return advice;
}
