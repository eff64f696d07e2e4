/**
 * What the words ask for. Requests are read sentence by sentence, and a sentence that says the
 * company will never ask ("カード番号をお尋ねすることはありません", "他人に教えないでください")
 * is not a request: genuine notices say exactly that.
 */

export type WordingSignal =
  | 'urgent_wording'
  | 'threat_wording'
  | 'credential_request'
  | 'code_request'
  | 'reply_request'
  | 'call_request'
  | 'gift_card_payment'
  | 'lure_topic'
  | 'link_call_to_action'
  | 'unnatural_japanese'
  | 'chinese_characters';

export interface WordingHit {
  signal: WordingSignal;
  evidence: string;
}

const SENTENCE = /[^。！？!?\n]+[。！？!?]?/g;

const NEGATION =
  /((ご)?注意(ください|下さい|を)|詐欺|かたる|騙る|装った|偽の|必要は(ありません|ございません)|不要です|こと(は|も)?(一切|決して|絶対に)?(ございません|ありません|ない)|いたしません|致しません|しません|お伺いしません|お尋ねしません|しないで|ないで(ください|下さい)|教えない|絶対に|決して|お控え|never|will not|won't|do not share|don't share|not share|do not reply|never ask)/i;

const CREDENTIAL =
  /(カード番号|クレジットカード情報|カード情報|セキュリティ[ー]?コード|ｾｷｭﾘﾃｨｺｰﾄﾞ|CVV|CVC|有効期限|暗証番号|パスワード|ワンタイムパスワード|口座番号|ログインID|ログイン情報|アカウント情報|個人情報|マイナンバー|お支払い情報|支払い情報|決済情報|card number|card details|security code|password|passcode|PIN\b|login details|account details|billing information|payment information)/i;
const CODE =
  /(コード|認証コード|確認コード|認証番号|確認番号|ワンタイム(パスワード|コード)?|SMS(認証)?コード|承認番号|verification code|one[- ]time (code|password)|OTP|security code sent)/i;
const ASK_VERB =
  /(入力|送信|返信|記入|登録して|ご登録|再登録|提供|教え|伝え|お知らせ(ください|下さい)|送って|入れて|submit|enter|provide|send|reply|share|tell)/i;
/** Payment details "updated" through a message are a request for the card number itself. */
const PAYMENT_INFO =
  /(カード情報|クレジットカード情報|お支払い情報|支払い情報|決済情報|お支払い方法|支払方法|payment (information|details|method)|billing (information|details)|card details)/i;
const UPDATE = /(更新|変更手続|再設定|update|verify)/i;
const ASK_END =
  /(ください|下さい|願います|お願い(します|致します|いたします)?|必要があります|必要です|してください|頂けますか|いただけますか|please|must|required|need to|now\b|^\s*(verify|update|confirm|enter|provide|submit|send|reply)\b)/i;
const REPLY =
  /(この(メッセージ|SMS|ショートメール|メール)に(ご)?返信|本メールに(ご)?返信|(ご)?返信(して|を)?(ください|下さい|お願い)|返信(いただ|頂)|返信にて|この(メッセージ|SMS|メール)(に|へ)送って|reply (to this|with|directly)|respond with)/i;
const CALL =
  /((お|ご)?電話(を)?(ください|下さい|お願い)|(至急|すぐに|直ちに|ただちに).{0,12}(ご連絡|お電話|連絡)|までご連絡|へご連絡|にご連絡(ください|下さい)|call (us|now|immediately|this number)|contact us (immediately|now))/i;
const GIFT =
  /(ギフトカード|ギフト券|プリペイドカード|電子マネー|iTunes\s*カード|Google\s*Play\s*(ギフト|カード)|Apple\s*(Gift|ギフト)|Amazon\s*ギフト|アマゾンギフト|WebMoney|ビットキャッシュ|BitCash|gift ?cards?|prepaid cards?)/i;
const GIFT_PAY = /(購入|買って|支払|払って|番号|コード|送|教え|撮影|写真|buy|purchase|pay|send|code)/i;
const URGENT =
  /(本日中|今日中|24時間以内|48時間以内|\d+時間以内|至急|大至急|直ちに|ただちに|早急に|緊急|期限(内|まで)|速やかに|今すぐ|すぐに|最終(通知|警告|通告)|within \d+ hours|immediately|urgent|as soon as possible|final (notice|warning)|right away)/i;
const THREAT =
  /(利用(を)?停止|利用(が|を)?制限|アカウント(が|を|は)?(制限|凍結|停止|ロック|削除|無効)|一時(的に)?停止|凍結|失効|法的(措置|手続)|差し押さえ|強制(解約|退会)|サービス(を|が)?停止|ご利用いただけなくなり|解約(され|となり)|保留|suspend|locked|on hold|restricted|terminated|closed|disabled|legal action|will be deleted)/i;
const LURE =
  /(外部(から|による)?(の)?(不正)?アクセス|不正(な)?(アクセス|ログイン|利用)|第三者(による|が|から)|未払い|未納|滞納|料金(が|の)?未(払|納|入金|確認|決済)|不在(の)?(ため|通知|連絡)|お荷物|配達(できません|出来ません|を完了)|再配達|本人確認|ご本人様確認|ポイント(が|の)?失効|当選|還付金|返金|異常な(ログイン|アクセス|取引)|セキュリティ(上の)?(問題|警告)|unusual (sign-?in|activity|login)|unauthori[sz]ed|verify your (account|identity)|refund|delivery (failed|attempt)|unpaid|overdue)/i;
/** A link (or a pointer to one) next to what to do there: the typical phishing call to action. */
const LINK_POINTER =
  /(https?:\/\/|www\.|[a-z0-9-]+\.[a-z]{2,}\/|下記|以下|こちら|次の|上記|リンク|URL|ＵＲＬ|サイト|link|click|tap)/i;
const LINK_ACTION =
  /(確認|手続|ログイン|更新|入力|登録|アクセス|解除|お支払|支払|完了|取消|キャンセル|認証|受け取|受取|再開|verify|update|confirm|log ?in|sign ?in|pay|restore|unlock|cancel)/i;
const LINK_CTA = { test: (s: string) => LINK_POINTER.test(s) && LINK_ACTION.test(s) };

/**
 * Simplified Chinese characters that Japanese does not use (Japanese writes 証, 録, 請, 関 …).
 * Phishing kits written from Chinese templates often leak them.
 */
const SIMPLIFIED =
  /[账户验证录码请击联银费务网页结这们时间电话发现异关闭开设处帐认为过动态应该对问题单订购买卖价钱币额确邮递运输货员车门东长马鸟贝见说读记让谢谁还进远连选钟钥锁错键风飞饭馆]/;
const CHINESE_WORDS =
  /(您|账户|帐户|用户名|登录|验证|点击|链接|信息|手机号|密码|激活|尊敬的|客户|短信|网址|官网|银行卡|请您|您的)/;
const ODD_JAPANESE =
  /(お客様様|様様|ご(確認|登録|入力|利用|更新|連絡)して(ください|下さい)|させていただきますください|お客さまの様|尊敬な|親愛なる(お客様|会員)|お客様各位様|してくださいませ下さい|、。|。。|ご確認お願いします下さい|ありがとうございましたございます)/;

export function analyseWording(text: string): WordingHit[] {
  const hits: WordingHit[] = [];
  const add = (signal: WordingSignal, evidence: string) => {
    if (!hits.some((h) => h.signal === signal)) hits.push({ signal, evidence: evidence.trim().slice(0, 80) });
  };
  // Most messages trip few of these patterns: test the whole text once, and read sentence by
  // sentence (for negations) only the patterns that occur at all.
  const has = {
    cred: CREDENTIAL.test(text),
    pay: PAYMENT_INFO.test(text),
    code: CODE.test(text),
    reply: REPLY.test(text),
    call: CALL.test(text),
    gift: GIFT.test(text),
    urgent: URGENT.test(text),
    threat: THREAT.test(text),
    lure: LURE.test(text),
    cta: LINK_CTA.test(text),
  };
  const anySentenceWork = Object.values(has).some(Boolean);
  for (const m of anySentenceWork ? text.matchAll(SENTENCE) : []) {
    const s = m[0];
    if (s.trim().length < 2) continue;
    const negated = NEGATION.test(s);
    if (has.cred && !negated && CREDENTIAL.test(s) && ASK_VERB.test(s) && ASK_END.test(s))
      add('credential_request', s);
    if (has.pay && !negated && PAYMENT_INFO.test(s) && UPDATE.test(s) && ASK_END.test(s))
      add('credential_request', s);
    // Entering a code into the app is what genuine one-time-password messages ask for; passing
    // a code on (reply, tell, send) is what takeover scams ask for.
    if (
      has.code &&
      !negated &&
      CODE.test(s) &&
      /(返信|送信して|送って|教え|伝え|お知らせ(ください|下さい)|reply|send|tell|share|forward)/i.test(s)
    ) {
      add('code_request', s);
    }
    if (has.reply && !negated && REPLY.test(s)) add('reply_request', s);
    if (has.call && !negated && CALL.test(s)) add('call_request', s);
    if (has.gift && !negated && GIFT.test(s) && GIFT_PAY.test(s)) add('gift_card_payment', s);
    const urgent = has.urgent ? URGENT.exec(s) : null;
    if (urgent) add('urgent_wording', urgent[0]);
    const threat = has.threat && !negated ? THREAT.exec(s) : null;
    if (threat) add('threat_wording', threat[0]);
    const lure = has.lure ? LURE.exec(s) : null;
    if (lure) add('lure_topic', lure[0]);
    if (has.cta && LINK_CTA.test(s)) add('link_call_to_action', s);
  }
  const simplified = SIMPLIFIED.exec(text);
  const chineseWord = CHINESE_WORDS.exec(text);
  if (chineseWord) add('chinese_characters', chineseWord[0]);
  else if (simplified && /[\u3040-\u30ff]/.test(text)) add('chinese_characters', simplified[0]);
  const odd = ODD_JAPANESE.exec(text);
  if (odd) add('unnatural_japanese', odd[0]);
  return hits;
}
